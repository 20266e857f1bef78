#include "tests/support/TmpfsMount.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <sys/mount.h>

namespace {

const QString Filler = QStringLiteral("filler.bin");

} // namespace

TmpfsMount::TmpfsMount(qint64 bytes)
{
    if (!m_dir.isValid()) {
        m_why = m_dir.errorString();
        return;
    }
    const QByteArray options = QByteArrayLiteral("size=") + QByteArray::number(bytes) + QByteArrayLiteral(",mode=0777");
    const QByteArray target = QFile::encodeName(m_dir.path());
    if (::mount("tmpfs", target.constData(), "tmpfs", 0, options.constData()) != 0) {
        m_why = QStringLiteral("cannot mount a tmpfs on %1: %2")
                    .arg(m_dir.path(), QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_mounted = true;
}

TmpfsMount::~TmpfsMount()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
}

bool TmpfsMount::fill()
{
    QFile filler(m_dir.filePath(Filler));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    const QByteArray block(4096, 'x');
    // Block by block, then byte by byte into the last partial block.
    while (filler.write(block) == block.size() && filler.flush()) { }
    filler.close();
    return filler.open(QIODevice::WriteOnly | QIODevice::Append) && (filler.write("x", 1) != 1 || !filler.flush());
}

void TmpfsMount::unfill()
{
    QFile::remove(m_dir.filePath(Filler));
}

bool TmpfsMount::remountReadOnly()
{
    return m_mounted
        && ::mount(nullptr, QFile::encodeName(m_dir.path()).constData(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0;
}
