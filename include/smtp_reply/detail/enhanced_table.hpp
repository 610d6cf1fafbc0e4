// smtp_reply: the IANA enhanced status code registry as constexpr data.
#ifndef SMTP_REPLY_DETAIL_ENHANCED_TABLE_HPP
#define SMTP_REPLY_DETAIL_ENHANCED_TABLE_HPP
#endif
