#include "common/utf8.h"

#include <gtest/gtest.h>

namespace junction {

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(utf8::find_invalid("plain ascii"), std::nullopt);
  EXPECT_EQ(utf8::find_invalid("caf\xc3\xa9"), std::nullopt);
  EXPECT_EQ(utf8::find_invalid("ab\xff"), 2u);
  EXPECT_EQ(utf8::find_invalid("\xc0\xaf"), 0u);       // overlong
  EXPECT_EQ(utf8::find_invalid("x\xed\xa0\x80"), 1u);  // encoded surrogate
  EXPECT_EQ(utf8::find_invalid("\xe2\x82"), 0u);       // truncated
}

TEST(Utf8Test, EncodesAndDecodesRoundTrip) {
  for (uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) {
    std::string text;
    utf8::append(text, cp);
    size_t size = 0;
    EXPECT_EQ(utf8::decode(text, 0, size), cp);
    EXPECT_EQ(size, text.size());
  }
}

}  // namespace junction
