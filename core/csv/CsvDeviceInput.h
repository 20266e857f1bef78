#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>

// The input of a CsvReader from a device, in pieces: a file, a buffer, or a pipe or process that
// hands out a few bytes at a time and may have more to come. The start of the input can be read
// ahead, to recognise the type of the file, and is handed out again as the first pieces.
class CsvDeviceInput final
{
public:
    // The device must be open and outlive the input.
    explicit CsvDeviceInput(QIODevice *device) : m_device(device) { }

    // Reads at least `bytes` bytes ahead (fewer when the input ends first) and returns them;
    // next() hands them out again.
    QByteArray readAhead(qsizetype bytes);
    // Drops the first `bytes` bytes read ahead (a byte order mark); they must have been read.
    void dropAhead(qsizetype bytes);
    // The next piece of input; empty at its end or on a read error (see failed()).
    QByteArray next();

    bool failed() const { return m_failed; }
    // The device's words for a read error.
    QString errorString() const { return m_errorString; }

private:
    QByteArray read();

    QIODevice *m_device = nullptr;
    QList<QByteArray> m_pending; // read ahead to recognise the type of the file
    QByteArray m_readBuffer;
    bool m_endOfInput = false;
    bool m_failed = false;
    QString m_errorString;
};
