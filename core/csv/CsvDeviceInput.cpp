#include "core/csv/CsvDeviceInput.h"

#include <algorithm>

namespace {

constexpr qint64 ChunkBytes = 256 * 1024;

} // namespace

QByteArray CsvDeviceInput::read()
{
    for (;;) {
        m_readBuffer.resize(ChunkBytes);
        const qint64 got = m_device->read(m_readBuffer.data(), ChunkBytes);
        if (got > 0) {
            // A big piece keeps the buffer it was read into; a small one (a pipe) is copied out.
            if (got < ChunkBytes / 4)
                return QByteArray(m_readBuffer.constData(), got);
            QByteArray piece = std::move(m_readBuffer);
            m_readBuffer = QByteArray();
            piece.resize(got);
            return piece;
        }
        // A pipe or a process may have more to come; a file or a buffer at its end has not.
        if (got == 0 && m_device->waitForReadyRead(-1))
            continue;
        m_endOfInput = true;
        if (got < 0) {
            m_failed = true;
            m_errorString = m_device->errorString();
        }
        return {};
    }
}

QByteArray CsvDeviceInput::readAhead(qsizetype bytes)
{
    QByteArray head;
    while (head.size() < bytes && !m_endOfInput) {
        const QByteArray piece = read();
        if (!piece.isEmpty())
            m_pending << piece;
        head += piece;
    }
    return head;
}

void CsvDeviceInput::dropAhead(qsizetype bytes)
{
    for (qsizetype drop = bytes; drop > 0;) {
        QByteArray &piece = m_pending.first();
        const qsizetype count = std::min(drop, piece.size());
        piece.remove(0, count);
        drop -= count;
        if (piece.isEmpty())
            m_pending.removeFirst();
    }
}

QByteArray CsvDeviceInput::next()
{
    if (!m_pending.isEmpty())
        return m_pending.takeFirst();
    if (!m_endOfInput)
        return read();
    return {};
}
