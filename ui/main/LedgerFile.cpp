#include "ui/main/LedgerFile.h"

#include "core/session/LedgerSession.h"
#include "ui/common/MessageBox.h"
#include "ui/main/MainWindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

bool LedgerFile::hasLedgerSuffix(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("sqlite") || suffix == QLatin1String("sqlite3") || suffix == QLatin1String("db");
}

QString LedgerFile::problem(const QString &path)
{
    const QFileInfo info(path);
    const QString name = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.exists())
        return tr("%1 does not exist. No file was created: check the name, or use File > New Database to make a "
                  "new ledger.")
            .arg(name);
    if (info.isDir())
        return tr("%1 is a folder, not a ledger file.").arg(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("%1 cannot be read: %2").arg(name, file.errorString());
    // Every SQLite database starts with this header; an empty file is not a ledger either.
    static const QByteArray header("SQLite format 3", 16);
    if (file.read(header.size()) != header)
        return tr("%1 is not a ledger: it is not an SQLite database file.").arg(name);
    return {};
}

void LedgerFile::showProblem(MainWindow *window, const QString &problem)
{
    MessageBox::critical(window, tr("Cannot Open Ledger"), problem);
}

bool LedgerFile::confirmAndOpen(MainWindow *window, const QString &path)
{
    const QString name = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    const LedgerSession *current = window->session();
    const QString question = current
        ? tr("Open the ledger %1?\n\nThe current ledger, %2, closes.").arg(name, current->spec().displayName())
        : tr("Open the ledger %1?").arg(name);
    if (MessageBox::question(window, tr("Open Ledger"), question, QMessageBox::Open | QMessageBox::Cancel,
                             QMessageBox::Open)
        != QMessageBox::Open)
        return false;
    if (const QString why = problem(path); !why.isEmpty()) {
        showProblem(window, why);
        return false;
    }
    const auto spec = ConnectionSpec::parse(path);
    if (!spec) {
        showProblem(window, spec.error().message);
        return false;
    }
    window->openDatabase(*spec);
    return true;
}
