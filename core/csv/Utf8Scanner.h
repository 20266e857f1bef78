#pragma once

#include <QByteArrayView>

// Finds the first byte of a CSV file's input that is not UTF-8 text, chunk by chunk, before the
// tokenizer gets there: a byte that breaks UTF-8 (overlong forms, surrogates and code points past
// U+10FFFF included), or a control character no spreadsheet writes into text, which means binary
// content. A sequence cut by the end of a chunk is carried on into the next.
class Utf8Scanner final
{
public:
    enum class Bad { None, Utf8, Control };

    // Scans chunk from position from; chunkOffset is the file offset of chunk[0]. Returns the
    // position of the first byte that is not text, or chunk.size() when there is none.
    qsizetype scan(QByteArrayView chunk, qsizetype from, qint64 chunkOffset);
    // At the end of the input: whether it ends inside a sequence, which then is the bad one.
    bool endsInsideSequence();

    // What the bad byte is, the file offset it names, and the byte (the first of a broken
    // sequence).
    Bad bad() const { return m_bad; }
    qint64 badOffset() const { return m_badOffset; }
    uchar badByte() const { return m_badByte; }

private:
    Bad m_bad = Bad::None;
    qint64 m_badOffset = 0;
    uchar m_badByte = 0;
    // UTF-8 decoding state carried from one chunk to the next.
    int m_utf8Need = 0;
    uchar m_utf8Low = 0x80;
    uchar m_utf8High = 0xBF;
    qint64 m_utf8Start = 0;
};
