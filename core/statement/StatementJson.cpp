#include "core/statement/StatementJson.h"

#include "core/domain/Timestamp.h"
#include "core/statement/Statement.h"

#include <QJsonArray>

namespace {

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Timestamp::toIso(time)) : QJsonValue(QJsonValue::Null);
}

QJsonArray subtotalsJson(const QList<StatementSubtotal> &subtotals)
{
    QJsonArray array;
    for (const StatementSubtotal &s : subtotals)
        array.append(QJsonObject{{QStringLiteral("key"), s.key},
                                 {QStringLiteral("added"), s.added},
                                 {QStringLiteral("removed"), s.removed},
                                 {QStringLiteral("net"), s.net()},
                                 {QStringLiteral("count"), s.count}});
    return array;
}

} // namespace

namespace StatementJson {

QString kindName(const StatementEntry &entry)
{
    switch (entry.kind) {
    case StatementEntry::Kind::Added:
        return QStringLiteral("added");
    case StatementEntry::Kind::External:
        return QStringLiteral("external");
    case StatementEntry::Kind::Removed:
        return QStringLiteral("removed");
    case StatementEntry::Kind::Restored:
        return QStringLiteral("restored");
    }
    return {};
}

QJsonObject toJson(const Statement &statement)
{
    QJsonArray entries;
    for (const StatementEntry &entry : statement.entries) {
        QJsonObject object{{QStringLiteral("at"), Timestamp::toIso(entry.at)},
                           {QStringLiteral("kind"), kindName(entry)},
                           {QStringLiteral("change"), entry.change},
                           {QStringLiteral("balance"), entry.balance},
                           {QStringLiteral("transaction"), entry.row.toJson()},
                           {QStringLiteral("removedLater"), entry.removedLater}};
        if (entry.kind != StatementEntry::Kind::External) {
            object.insert(QStringLiteral("action"), entry.action);
            object.insert(QStringLiteral("operator"), entry.operatorName);
            object.insert(QStringLiteral("actor"), entry.actor);
            object.insert(QStringLiteral("reason"), entry.reason);
            object.insert(QStringLiteral("seq"), entry.seq);
            entry.reasonTag.addTo(object);
            if (!entry.reasonTag.code.isEmpty())
                object.insert(QStringLiteral("reasonLabel"), statement.reasons.label(entry.reasonTag.code));
            if (const QString link = statement.reasons.ticketLink(entry.reasonTag.ticket); !link.isEmpty())
                object.insert(QStringLiteral("ticketLink"), link);
        }
        entries.append(object);
    }
    QJsonArray drift;
    for (const DriftNote &note : statement.drift)
        drift.append(QJsonObject{{QStringLiteral("at"), Timestamp::toIso(note.at)},
                                 {QStringLiteral("cached"), note.cached},
                                 {QStringLiteral("summed"), note.summed},
                                 {QStringLiteral("difference"), note.summed - note.cached},
                                 {QStringLiteral("action"), note.action},
                                 {QStringLiteral("operator"), note.operatorName}});
    QJsonObject object{{QStringLiteral("userId"), statement.userId},
                       {QStringLiteral("name"), statement.userName},
                       {QStringLiteral("email"), statement.userEmail},
                       {QStringLiteral("since"), isoOrNull(statement.since)},
                       {QStringLiteral("until"), isoOrNull(statement.until)},
                       {QStringLiteral("madeAt"), Timestamp::toIso(statement.madeAt)},
                       {QStringLiteral("opening"), statement.opening},
                       {QStringLiteral("closing"), statement.closing},
                       {QStringLiteral("rebuiltClosing"), statement.rebuiltClosing},
                       {QStringLiteral("reconciles"), statement.reconciles()},
                       {QStringLiteral("entries"), entries},
                       {QStringLiteral("byCategory"), subtotalsJson(statement.byCategory)},
                       {QStringLiteral("bySourceType"), subtotalsJson(statement.bySourceType)},
                       {QStringLiteral("drift"), drift},
                       {QStringLiteral("logBegins"), isoOrNull(statement.logBegins)},
                       {QStringLiteral("logCoversPeriod"), statement.logCoversPeriod},
                       {QStringLiteral("externalEntries"), statement.externalEntries}};
    if (statement.cachedTotal)
        object.insert(QStringLiteral("cachedTotal"), *statement.cachedTotal);
    return object;
}

} // namespace StatementJson
