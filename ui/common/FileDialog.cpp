#include "ui/common/FileDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace {

QString g_nextFileName;
bool g_hasNext = false;

QString settingsKey(const QString &purpose)
{
    return QStringLiteral("fileDialog/%1/lastFolder").arg(purpose);
}

QString lastFolder(const QString &purpose)
{
    return QSettings().value(settingsKey(purpose), QDir::homePath()).toString();
}

void remember(const QString &purpose, const QString &fileName)
{
    if (!fileName.isEmpty())
        QSettings().setValue(settingsKey(purpose), QFileInfo(fileName).absolutePath());
}

} // namespace

QString FileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &suggestedName,
                                    const QString &filter, const QString &purpose, QString *selectedFilter)
{
    if (g_hasNext) {
        g_hasNext = false;
        return std::exchange(g_nextFileName, QString());
    }
    const QString fileName = QFileDialog::getSaveFileName(
        parent, caption, QDir(lastFolder(purpose)).filePath(suggestedName), filter, selectedFilter);
    remember(purpose, fileName);
    return fileName;
}

QString FileDialog::getOpenFileName(QWidget *parent, const QString &caption, const QString &filter,
                                    const QString &purpose)
{
    if (g_hasNext) {
        g_hasNext = false;
        return std::exchange(g_nextFileName, QString());
    }
    const QString fileName = QFileDialog::getOpenFileName(parent, caption, lastFolder(purpose), filter);
    remember(purpose, fileName);
    return fileName;
}

void FileDialog::setNextFileName(const QString &fileName)
{
    g_nextFileName = fileName;
    g_hasNext = true;
}
