#include "core/db/SqliteFile.h"

#include "core/db/DiskFull.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <unistd.h>
#endif

namespace {

constexpr int BusyTimeoutMs = 20000;

} // namespace

Result<SqliteFile::Opened> SqliteFile::open(QSqlDatabase &connection, const QString &path, Access access,
                                            const QString &shown)
{
    const QFileInfo file(path);
    const QString absolute = file.absoluteFilePath();
    const QString named = QDir::toNativeSeparators(absolute);
    Opened opened;
    if (!file.exists()) {
        if (access != Access::Create)
            return Error::input(tr("The database file %1 does not exist").arg(named));
        if (!QDir().mkpath(file.absolutePath()))
            return Error::database(tr("Cannot create the folder %1 for the database").arg(file.absolutePath()));
        if (const Status status = openAs(connection, uri(absolute, QStringLiteral("mode=rwc")), false, shown); !status)
            return status.error();
        return opened;
    }
    if (file.isDir())
        return Error::input(tr("%1 is a folder, not a database file").arg(named));
    opened.readOnlyReason = notWritable(absolute, false);
    if (opened.readOnlyReason.isEmpty())
        opened.readOnlyReason = notWritable(file.absolutePath(), true);
    const bool writable = opened.readOnlyReason.isEmpty();
    Status status;
    if (writable && access != Access::Read) {
        status = openAs(connection, uri(absolute, QStringLiteral("mode=rw")), false, shown);
    } else if (writable && isWriteAheadLog(absolute)) {
        // A read-only connection leaves a WAL file's -wal and -shm files behind, which only a
        // writer removes: this one may write, and SQLite refuses it every change (query_only).
        opened.queryOnly = true;
        status = openAs(connection, uri(absolute, QStringLiteral("mode=rw")), false, shown);
        // On a full disk the first read cannot size the shared-memory file. Locking the file for
        // this connection alone keeps that index in memory instead, so reading still works; when
        // that fails too, the first error says what is wrong.
        if (!status && openAs(connection, uri(absolute, QStringLiteral("mode=rw")), false, shown, Locking::Exclusive))
            status = {};
    } else {
        status = openAs(connection, uri(absolute, QStringLiteral("mode=ro")), true, shown);
        // A WAL file where its shared-memory file cannot be made (a read-only folder or mount):
        // read as it is on disk, which nobody here can change.
        if (!status && !writable)
            status = openAs(connection, uri(absolute, QStringLiteral("mode=ro&immutable=1")), true, shown);
    }
    if (!status)
        return status.error();
    return opened;
}

Status SqliteFile::openAs(QSqlDatabase &connection, const QString &uri, bool readOnlyFlag, const QString &shown,
                          Locking locking)
{
    connection.close();
    connection.setDatabaseName(uri);
    connection.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_OPEN_URI%2")
                                     .arg(BusyTimeoutMs)
                                     .arg(readOnlyFlag ? QStringLiteral(";QSQLITE_OPEN_READONLY") : QString()));
    if (!connection.open())
        return Error::database(
            tr("Cannot open the database %1: %2").arg(shown, connection.lastError().text().trimmed()));
    // SQLite reads the file only when asked to: a file that is no database, or one that cannot
    // be read this way, shows here.
    QSqlError problem;
    {
        QSqlQuery probe(connection);
        if (locking == Locking::Exclusive && !probe.exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")))
            problem = probe.lastError();
        else if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
            problem = probe.lastError();
    }
    if (!problem.isValid())
        return {};
    // A full disk is said as such (DiskFull), with the folder and its free space.
    const QVariant handle = connection.driver()->handle();
    sqlite3 *sqlite
        = qstrcmp(handle.typeName(), "sqlite3*") == 0 ? *static_cast<sqlite3 *const *>(handle.constData()) : nullptr;
    std::optional<Error> full = DiskFull::explain(problem, sqlite, shown);
    connection.close();
    if (full)
        return *full;
    return Error::database(tr("Cannot read the database %1: %2").arg(shown, problem.text().trimmed()));
}

QString SqliteFile::notWritable(const QString &path, bool folder)
{
#ifdef Q_OS_UNIX
    if (::access(QFile::encodeName(path).constData(), folder ? W_OK | X_OK : W_OK) == 0)
        return {};
    if (errno == EROFS)
        return tr("it is on a read-only file system");
#else
    if (QFileInfo(path).isWritable())
        return {};
#endif
    return folder
        ? tr("you may not write to its folder %1, where SQLite keeps its journal").arg(QDir::toNativeSeparators(path))
        : tr("you may not write to the file");
}

bool SqliteFile::isWriteAheadLog(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = file.read(20);
    return header.size() == 20 && header.at(18) == 2 && header.at(19) == 2;
}

QString SqliteFile::uri(const QString &path, const QString &parameters)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QLatin1Char('?') + parameters;
}
