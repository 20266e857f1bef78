#include "app/cli/StatementText.h"

#include "app/cli/CliFormat.h"
#include "app/cli/TerminalText.h"
#include "core/statement/Statement.h"

#include <QCoreApplication>

namespace StatementText {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("StatementText", text, disambiguation, n);
}

QString what(const StatementEntry &entry)
{
    // A change captured in the database, made outside XP Admin.
    if (entry.action == QLatin1StringView("db-insert"))
        return tr("Added in the database");
    if (entry.action == QLatin1StringView("db-delete"))
        return tr("REMOVED in the database");
    if (entry.action == QLatin1StringView("db-update-before"))
        return tr("Changed in the database (was)");
    if (entry.action == QLatin1StringView("db-update"))
        return tr("Changed in the database (now)");
    switch (entry.kind) {
    case StatementEntry::Kind::Added:
        return entry.action == QLatin1StringView("award")        ? tr("Awarded")
            : entry.action == QLatin1StringView("import-legacy") ? tr("Migrated")
                                                                 : tr("Adjusted");
    case StatementEntry::Kind::External:
        return tr("Web app");
    case StatementEntry::Kind::Removed:
        return entry.action == QLatin1StringView("rollback") ? tr("REMOVED (rolled back)")
                                                             : tr("REMOVED (source deleted)");
    case StatementEntry::Kind::Restored:
        return tr("Restored");
    }
    return {};
}

QString byWhom(const Statement &statement, const StatementEntry &entry)
{
    if (entry.kind == StatementEntry::Kind::External)
        return tr("written by the web app");
    if (entry.action.startsWith(QLatin1StringView("db-")))
        return entry.operatorName.isEmpty() ? tr("database role %1").arg(entry.actor)
                                            : tr("database role %1 (%2)").arg(entry.actor, entry.operatorName);
    QString text = entry.operatorName;
    if (!entry.reason.isEmpty() && entry.reason != entry.row.description)
        text += QStringLiteral(": ") + entry.reason;
    if (const QString why = statement.reasons.describe(entry.reasonTag.code, entry.reasonTag.ticket); !why.isEmpty())
        text += QStringLiteral(" [%1]").arg(why);
    return text;
}

QString subtotalTable(const QString &heading, const QList<StatementSubtotal> &subtotals)
{
    QList<QStringList> rows{{heading, tr("ADDED"), tr("REMOVED"), tr("NET"), tr("CHANGES")}};
    for (const StatementSubtotal &s : subtotals)
        rows << QStringList{s.key, QString::number(s.added), QString::number(s.removed),
                            CliFormat::signedAmount(s.net()), QString::number(s.count)};
    return CliFormat::table(rows, {false, true, true, true, true});
}

} // namespace

QString localTime(const QDateTime &utc)
{
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString text(const Statement &s)
{
    QString out;
    const QString who
        = s.userName.isEmpty() ? s.userEmail : s.userName + QStringLiteral(" <") + s.userEmail + QLatin1Char('>');
    out += tr("Statement of %1 (user %2)").arg(TerminalText::visibleLine(who), TerminalText::visibleLine(s.userId))
        + QLatin1Char('\n');
    out += tr("Period: %1 to %2 (local time)")
               .arg(s.since.isValid() ? localTime(s.since) : tr("the first transaction"),
                    s.until.isValid() ? localTime(s.until) : tr("now (%1)").arg(localTime(s.madeAt)))
        + QLatin1Char('\n');
    out += tr("Opening balance: %1 XP").arg(s.opening) + QStringLiteral("\n\n");
    if (s.entries.isEmpty()) {
        out += tr("No changes in this period.") + QLatin1Char('\n');
    } else {
        QList<QStringList> rows{
            {tr("DATE"), tr("CHANGE"), tr("BALANCE"), tr("WHAT"), tr("TRANSACTION"), tr("BY, WHY")}};
        for (const StatementEntry &e : s.entries) {
            QString transaction = XpEnums::name(e.row.category) + QLatin1Char(' ') + e.row.sourceId;
            if (!e.row.description.isEmpty())
                transaction += QStringLiteral(" \"") + e.row.description + QLatin1Char('"');
            if (e.removedLater)
                transaction += QLatin1Char(' ') + tr("(removed later)");
            rows << QStringList{
                localTime(e.at), CliFormat::signedAmount(e.change),      QString::number(e.balance),
                what(e),         TerminalText::visibleLine(transaction), TerminalText::visibleLine(byWhom(s, e))};
        }
        out += CliFormat::table(rows, {false, true, true, false, false, false});
    }
    out += QLatin1Char('\n');
    out += tr("Closing balance: %1 XP").arg(s.closing);
    if (s.cachedTotal)
        out += *s.cachedTotal == s.closing
            ? tr(" (equals the cached total)")
            : tr(" (the cached total is %1: run xpadmin-cli verify)").arg(*s.cachedTotal);
    out += QLatin1Char('\n');
    if (!s.entries.isEmpty()) {
        out += QLatin1Char('\n') + subtotalTable(tr("CATEGORY"), s.byCategory);
        out += QLatin1Char('\n') + subtotalTable(tr("SOURCE TYPE"), s.bySourceType);
    }
    for (const DriftNote &note : s.drift)
        out += QLatin1Char('\n')
            + tr("On %1 the cached total was %2 while the transactions summed to %3 (%4); %5 set it right (%6).")
                  .arg(localTime(note.at), QString::number(note.cached), QString::number(note.summed),
                       CliFormat::signedAmount(note.summed - note.cached), note.operatorName, note.action);
    if (!s.drift.isEmpty())
        out += QLatin1Char('\n');
    out += QLatin1Char('\n');
    if (!s.logBegins.isValid())
        out += tr("The audit log is empty: every change is placed by its transaction's creation time.");
    else if (s.logCoversPeriod)
        out += tr("Exact: the audit log, begun %1, records every change of XP Admin in this period.")
                   .arg(localTime(s.logBegins));
    else
        out += tr("Exact from %1, when the audit log began: before then, changes are placed by their "
                  "transaction's creation time, and removals are not known.")
                   .arg(localTime(s.logBegins));
    if (s.externalEntries > 0)
        out += QLatin1Char(' ')
            + tr("%n change(s) were written by the web app outside XP Admin, placed by their creation time.", nullptr,
                 int(s.externalEntries));
    out += QLatin1Char('\n');
    return out;
}

} // namespace StatementText
