#include "models/ImportText.h"

#include "core/import/ImportFile.h"
#include "models/XpFormat.h"

#include <QLocale>

QString ImportText::kindTitle(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Legacy:
        return tr("Legacy totals from a file");
    case ImportKind::Profiles:
        return tr("Legacy totals from UserProfile (no file)");
    case ImportKind::Adjust:
        return tr("Bulk adjustments from a file");
    }
    return {};
}

QString ImportText::kindExplanation(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Legacy:
        return tr("Each user's total from the old system becomes one transaction (Manual adjustment, "
                  "category Manual). Only for users with no transactions yet; zero totals write nothing.");
    case ImportKind::Profiles:
        return tr("Every UserProfile.totalXP that has no transactions behind it becomes one transaction, "
                  "so the ledger explains each total. No file is needed.");
    case ImportKind::Adjust:
        return tr("Each row is one audited adjustment of a user's XP, with its reason.");
    }
    return {};
}

QString ImportText::columnsHtml(ImportKind kind)
{
    if (kind == ImportKind::Profiles)
        return tr("No file: the rows come from the UserProfile table of the open database.");
    const auto code = [](const QStringList &names) -> QString {
        QStringList coded;
        for (const QString &name : names)
            coded << QStringLiteral("<code>%1</code>").arg(name.toHtmlEscaped());
        return coded.join(QStringLiteral(", "));
    };
    QString text = tr("<b>Required columns:</b> %1").arg(code(ImportFile::requiredColumns(kind)));
    const QStringList optional = ImportFile::optionalColumns(kind);
    if (!optional.isEmpty())
        text += QStringLiteral("<br>")
            + (kind == ImportKind::Legacy
                   ? tr("<b>Optional:</b> %1 (to create users who are missing)").arg(code(optional))
                   : tr("<b>Optional:</b> %1").arg(code(optional)));
    text += QStringLiteral("<br>")
        + tr("A header line names the columns, in any order. UTF-8 (\"CSV UTF-8\" in Excel), comma separated.");
    return text;
}

QString ImportText::number(qint64 value)
{
    return XpFormat::total(value);
}

QString ImportText::signedNumber(qint64 value)
{
    return XpFormat::signedAmount(value);
}

QString ImportText::bytes(qint64 value)
{
    return QLocale().formattedDataSize(value);
}

QString ImportText::duration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return tr("%1 ms").arg(milliseconds);
    if (milliseconds < 10000)
        return tr("%1 s").arg(QLocale().toString(static_cast<double>(milliseconds) / 1000.0, 'f', 1));
    const qint64 seconds = (milliseconds + 500) / 1000;
    if (seconds < 120)
        return tr("%1 s").arg(seconds);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString ImportText::rate(qint64 done, qint64 milliseconds)
{
    if (done <= 0 || milliseconds <= 0)
        return {};
    return tr("%1 rows/s").arg(number(done * 1000 / milliseconds));
}

QString ImportText::progress(const ImportJob::Progress &progress)
{
    if (!progress.started)
        return tr("Starting…");
    const QString speed = rate(progress.done, progress.phaseMilliseconds);
    QString text;
    switch (progress.phase) {
    case BatchImporter::Phase::Reading:
        return progress.total > 0 ? tr("Reading the file: %1 of %2").arg(bytes(progress.done), bytes(progress.total))
                                  : tr("Reading the file: %1").arg(bytes(progress.done));
    case BatchImporter::Phase::Checking:
        text = tr("Checking rows against the database: %1 of %2").arg(number(progress.done), number(progress.total));
        break;
    case BatchImporter::Phase::Writing:
        text = tr("Writing: %1 of %2 rows (new users, then transactions)")
                   .arg(number(progress.done), number(progress.total));
        break;
    }
    return speed.isEmpty() ? text : tr("%1 (%2)").arg(text, speed);
}

QString ImportText::failure(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Cancelled:
        return tr("Cancelled. Nothing was changed.");
    case Error::Kind::Uncertain:
        return tr("%1\n\nThe connection was lost while committing: the batch may or may not have been written. "
                  "Open the import again with the same file: it says whether the file was already imported.")
            .arg(error.message);
    case Error::Kind::Input:
    case Error::Kind::Conflict:
    case Error::Kind::Database:
    case Error::Kind::Permission:
    case Error::Kind::ReadOnly:
        break;
    }
    // Most messages from the importer already say so.
    if (error.message.contains(tr("nothing was changed"), Qt::CaseInsensitive))
        return error.message;
    return tr("%1\n\nNothing was changed.").arg(error.message);
}

QString ImportText::held(const ImportReport &report)
{
    if (report.heldByLimits())
        return tr("%1 (above the approval threshold or your limits: each waits for another admin's approval in "
                  "Pending Approvals instead of being applied)")
            .arg(number(report.held));
    if (!report.threshold)
        return tr("none (approval is off)");
    if (report.held == 0)
        return tr("none (no amount is above the approval threshold of %1 XP)").arg(number(*report.threshold));
    return tr("%1 (above %2 XP: each waits for another admin's approval in Pending Approvals instead of being "
              "applied)")
        .arg(number(report.held), number(*report.threshold));
}
