#pragma once

#include <QString>
#include <QTemporaryDir>

// A small file system of the test's own (tmpfs) in a temporary folder: a disk that can be
// filled to the last byte, or made read-only, for real. Mounting needs root (CI runs the tests
// as root); elsewhere isMounted() is false and why() says so.
class TmpfsMount final
{
public:
    explicit TmpfsMount(qint64 bytes);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;

    bool isMounted() const { return m_mounted; }
    QString why() const { return m_why; }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // Leaves no byte free: a filler file grows until the file system refuses.
    bool fill();
    // Makes room again by removing the filler.
    void unfill();
    bool remountReadOnly();

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_why;
};
