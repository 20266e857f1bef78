#include "core/csv/Utf8Scanner.h"

namespace {

// Control characters no spreadsheet writes into text: their presence means binary content.
// Tab, line ends, vertical tab and form feed do occur in text.
bool isBinaryControl(uchar c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') || c == 0x7F;
}

} // namespace

qsizetype Utf8Scanner::scan(QByteArrayView chunk, qsizetype from, qint64 chunkOffset)
{
    const auto *bytes = reinterpret_cast<const uchar *>(chunk.data());
    const qsizetype size = chunk.size();
    m_bad = Bad::None;
    for (qsizetype i = from; i < size; ++i) {
        const uchar c = bytes[i];
        if (m_utf8Need == 0) {
            if (c >= 0x20 && c < 0x7F)
                continue;
            if (c < 0x80) {
                if (isBinaryControl(c)) {
                    m_bad = Bad::Control;
                    m_badOffset = chunkOffset + i;
                    m_badByte = c;
                    return i;
                }
                continue;
            }
            m_utf8Start = chunkOffset + i;
            m_badByte = c;
            m_utf8Low = 0x80;
            m_utf8High = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                m_utf8Need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                m_utf8Need = 2;
                if (c == 0xE0)
                    m_utf8Low = 0xA0; // overlong
                if (c == 0xED)
                    m_utf8High = 0x9F; // surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                m_utf8Need = 3;
                if (c == 0xF0)
                    m_utf8Low = 0x90; // overlong
                if (c == 0xF4)
                    m_utf8High = 0x8F; // past U+10FFFF
            } else {
                m_bad = Bad::Utf8;
                m_badOffset = m_utf8Start;
                return i;
            }
        } else {
            if (c < m_utf8Low || c > m_utf8High) {
                m_bad = Bad::Utf8;
                m_badOffset = m_utf8Start;
                m_utf8Need = 0;
                return i;
            }
            m_utf8Low = 0x80;
            m_utf8High = 0xBF;
            --m_utf8Need;
        }
    }
    return size;
}

bool Utf8Scanner::endsInsideSequence()
{
    if (m_utf8Need == 0)
        return false;
    m_bad = Bad::Utf8;
    m_badOffset = m_utf8Start;
    return true;
}
