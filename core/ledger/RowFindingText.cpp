#include "core/ledger/RowFindingText.h"

#include <QCoreApplication>

namespace RowFindingText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RowFindingText", text);
}

// The event's action as the finding names it: a captured change in words, not its code.
QString actionText(const QString &action)
{
    if (action == QLatin1StringView("db-insert"))
        return QCoreApplication::translate("RowFindingText", "added in the database");
    if (action == QLatin1StringView("db-update") || action == QLatin1StringView("db-update-before"))
        return QCoreApplication::translate("RowFindingText", "changed in the database");
    if (action == QLatin1StringView("db-delete"))
        return QCoreApplication::translate("RowFindingText", "deleted in the database");
    return action;
}

} // namespace

QString fieldName(const QString &field)
{
    if (field == QLatin1StringView("userId"))
        return tr("user");
    if (field == QLatin1StringView("amount"))
        return tr("amount");
    if (field == QLatin1StringView("sourceType"))
        return tr("source type");
    if (field == QLatin1StringView("sourceId"))
        return tr("source id");
    if (field == QLatin1StringView("description"))
        return tr("description");
    if (field == QLatin1StringView("category"))
        return tr("category");
    if (field == QLatin1StringView("createdAt"))
        return tr("creation time");
    return field;
}

QString wholeRow(const RowFinding &finding, UserId id)
{
    if (finding.userLabel.isEmpty())
        return tr("user %1, amount %2").arg(finding.userId, QString::number(finding.amount));
    if (id == UserId::Left)
        return tr("%1, amount %2").arg(finding.userLabel, QString::number(finding.amount));
    return tr("%1 (user %2), amount %3").arg(finding.userLabel, finding.userId, QString::number(finding.amount));
}

QString describe(const RowFinding &finding)
{
    switch (finding.kind) {
    case RowFinding::Kind::Changed:
        return tr("transaction %1: %2 is %3 in the table, but %4 in the audit log (event %5, %6)")
            .arg(finding.xpId, fieldName(finding.field), finding.tableValue, finding.logValue,
                 QString::number(finding.seq), actionText(finding.action));
    case RowFinding::Kind::Missing:
        return tr("transaction %1 is missing from the table, but the audit log says it exists (event %2, %3: %4)")
            .arg(finding.xpId, QString::number(finding.seq), actionText(finding.action), wholeRow(finding));
    case RowFinding::Kind::Reappeared:
        return tr("transaction %1 is in the table (%2), but the audit log removed it (event %3, %4)")
            .arg(finding.xpId, wholeRow(finding), QString::number(finding.seq), actionText(finding.action));
    }
    return {};
}

QString advice(RowFinding::Kind kind)
{
    switch (kind) {
    case RowFinding::Kind::Changed:
        return tr("A changed transaction was edited outside XP Admin. Find out who changed it; the transaction as XP "
                  "Admin wrote it is in the event named. Once the cause is known, correct the user's XP with an "
                  "audited adjustment.");
    case RowFinding::Kind::Missing:
        return tr("A missing transaction was deleted outside XP Admin. The whole transaction is in the event named; "
                  "find out who "
                  "deleted it, and if it was wrong, give the XP back with an audited adjustment.");
    case RowFinding::Kind::Reappeared:
        return tr(
            "A transaction that is back after its removal was put back outside XP Admin. If it should not be there, "
            "roll it back again (audited).");
    }
    return {};
}

QString key(RowFinding::Kind kind)
{
    switch (kind) {
    case RowFinding::Kind::Changed:
        return QStringLiteral("changed");
    case RowFinding::Kind::Missing:
        return QStringLiteral("missing");
    case RowFinding::Kind::Reappeared:
        return QStringLiteral("reappeared");
    }
    return {};
}

} // namespace RowFindingText
