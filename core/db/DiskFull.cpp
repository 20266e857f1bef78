#include "core/db/DiskFull.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>

#include <cerrno>

#include <sqlite3.h>

namespace DiskFull {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DiskFull", text);
}

// Less room than this is a full disk: SQLite grows its files in pages, its WAL index by a
// block at a time, and a file system keeps a little back for itself.
constexpr qint64 NearlyFull = 1024 * 1024;

bool nearlyFull(const QString &folder)
{
    const QStorageInfo storage(folder);
    return storage.isValid() && storage.bytesAvailable() < NearlyFull;
}

// Where SQLite puts its temporary files (sorts and indexes too big for memory), as it chooses.
QString sqliteTempFolder()
{
    for (const char *variable : {"SQLITE_TMPDIR", "TMPDIR"}) {
        const QString folder = qEnvironmentVariable(variable);
        if (!folder.isEmpty() && QFileInfo(folder).isDir())
            return folder;
    }
    for (const QString &folder : {QStringLiteral("/var/tmp"), QStringLiteral("/usr/tmp"), QStringLiteral("/tmp")}) {
        if (QFileInfo(folder).isDir())
            return folder;
    }
    return QDir::tempPath();
}

Error sqliteFull(sqlite3 *handle, const QString &what, const QString &driverText)
{
    const char *file = handle ? sqlite3_db_filename(handle, "main") : nullptr;
    const QString folder = file && *file ? QFileInfo(QString::fromUtf8(file)).absolutePath() : QString();
    const QString temp = sqliteTempFolder();
    // A big sort or index may have filled the temporary folder rather than the ledger's.
    if ((folder.isEmpty() || !nearlyFull(folder)) && nearlyFull(temp))
        return Error::database(
            QCoreApplication::translate("DiskFull",
                                        "%1: the disk is full (%2). SQLite's temporary folder %3 has no room left: %4. "
                                        "Free some space there, or point SQLITE_TMPDIR at a folder with room, and try "
                                        "again.")
                .arg(what, driverText, temp, DiskFull::freeSpace(temp)));
    if (folder.isEmpty())
        return Error::database(
            QCoreApplication::translate("DiskFull", "%1: the disk is full (%2). Free some space and try again.")
                .arg(what, driverText));
    return Error::database(
        QCoreApplication::translate("DiskFull",
                                    "%1: the disk is full (%2). The ledger's folder %3 has no room left: %4. Free some "
                                    "space there, or move the ledger to a disk with room, and try again.")
            .arg(what, driverText, folder, DiskFull::freeSpace(folder)));
}

bool isSqliteDiskFull(int resultCode, sqlite3 *handle)
{
    const int primary = resultCode & 0xff;
    if (primary == SQLITE_FULL)
        return true;
    if (primary != SQLITE_IOERR || !handle)
        return false;
    // An I/O error is a full disk when the system said so, or when the file's disk has no room.
    if (sqlite3_system_errno(handle) == ENOSPC)
        return true;
    const char *file = sqlite3_db_filename(handle, "main");
    return file && *file && nearlyFull(QFileInfo(QString::fromUtf8(file)).absolutePath());
}

} // namespace

QString freeSpace(const QString &folder)
{
    const QStorageInfo storage(folder);
    if (!storage.isValid())
        return tr("its free space is unknown");
    const QLocale locale;
    return tr("%1 free of %2 on the disk mounted at %3")
        .arg(locale.formattedDataSize(storage.bytesAvailable()), locale.formattedDataSize(storage.bytesTotal()),
             storage.rootPath());
}

std::optional<Error> explain(const QSqlError &error, sqlite3 *sqliteHandle, const QString &what)
{
    const QString driverText = error.databaseText().trimmed();
    if (!sqliteHandle) {
        // PostgreSQL: the server's disk, which only its administrator can free.
        const bool full = error.nativeErrorCode() == QLatin1String("53100")
            || driverText.contains(QLatin1String("No space left on device"));
        if (!full)
            return std::nullopt;
        return Error::database(tr("%1: the database server's disk is full (%2). Ask the server's administrator to "
                                  "free some space, then try again.")
                                   .arg(what, driverText));
    }
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric);
    if (!numeric || !isSqliteDiskFull(code, sqliteHandle))
        return std::nullopt;
    return sqliteFull(sqliteHandle, what, driverText);
}

std::optional<Error> explainSqlite(int resultCode, sqlite3 *handle, const QString &what)
{
    if (!isSqliteDiskFull(resultCode, handle))
        return std::nullopt;
    return sqliteFull(handle, what, QString::fromUtf8(sqlite3_errmsg(handle)));
}

} // namespace DiskFull
