#include "common/source.h"

#include <gtest/gtest.h>

namespace junction {

TEST(SourceTest, LocatesAcrossEveryLineEnding) {
  Source source("s", "a\nb\r\nc\rd");
  EXPECT_EQ(source.locate(0), (SourceLocation{1, 1}));
  EXPECT_EQ(source.locate(2), (SourceLocation{2, 1}));
  EXPECT_EQ(source.locate(5), (SourceLocation{3, 1}));
  EXPECT_EQ(source.locate(7), (SourceLocation{4, 1}));
  EXPECT_EQ(source.locate(8), (SourceLocation{4, 2}));  // end of input
}

TEST(SourceTest, CountsColumnsInUtf16Units) {
  // "é" is one UTF-16 unit (two bytes), "😀" two units (four bytes).
  Source source("s", "é😀x");
  EXPECT_EQ(source.locate(2), (SourceLocation{1, 2}));
  EXPECT_EQ(source.locate(6), (SourceLocation{1, 4}));
}

TEST(SourceTest, Utf16Length) {
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("é"), 1u);
  EXPECT_EQ(utf16_length("😀"), 2u);
}

}  // namespace junction
