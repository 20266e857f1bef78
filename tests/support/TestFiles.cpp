#include "tests/support/TestFiles.h"

#include <QDirIterator>
#include <QFile>

namespace TestFiles {

QStringList containing(const QString &dir, const QString &text)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString name = it.next();
        QFile file(name);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8()))
            found << name;
    }
    return found;
}

} // namespace TestFiles
