#include "core/import/ImportReport.h"

#include <algorithm>

#include "core/csv/CsvSeparator.h"

#include <QJsonArray>

void ImportReport::addProblem(qint64 line, const QString &message)
{
    if (problems.size() < CsvTable::MaxProblemsKept)
        problems << CsvProblem{line, message};
    ++problemCount;
}

double ImportReport::rowsPerSecond() const
{
    return milliseconds > 0 ? static_cast<double>(rowsRead) * 1000.0 / static_cast<double>(milliseconds) : 0.0;
}

QString ImportReport::kindName(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Legacy:
        return QStringLiteral("legacy");
    case ImportKind::Profiles:
        return QStringLiteral("profiles");
    case ImportKind::Adjust:
        return QStringLiteral("adjust");
    }
    return {};
}

bool ImportReport::heldByLimits() const
{
    return std::any_of(heldFor.cbegin(), heldFor.cend(), [](const std::optional<HoldReason> &reason) {
        return reason && *reason != HoldReason::Threshold;
    });
}

QJsonObject ImportReport::toJson() const
{
    QJsonArray problemArray;
    for (const CsvProblem &problem : problems)
        problemArray.append(
            QJsonObject{{QStringLiteral("line"), problem.line}, {QStringLiteral("message"), problem.message}});
    QJsonArray effectArray;
    for (const ImportUserEffect &effect : effects)
        effectArray.append(QJsonObject{{QStringLiteral("userId"), effect.userId},
                                       {QStringLiteral("before"), effect.before},
                                       {QStringLiteral("change"), effect.change},
                                       {QStringLiteral("after"), effect.after},
                                       {QStringLiteral("created"), effect.created}});
    QJsonArray holdArray;
    for (const ImportHold &hold : holds)
        holdArray.append(QJsonObject{{QStringLiteral("line"), hold.line},
                                     {QStringLiteral("userId"), hold.userId},
                                     {QStringLiteral("amount"), hold.amount},
                                     {QStringLiteral("request"), hold.requestId},
                                     {QStringLiteral("heldFor"), HoldReasons::key(hold.heldFor)}});
    return QJsonObject{
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("batch"), batchId},
        {QStringLiteral("file"), fileName},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("separator"), CsvSeparator::key(separator)},
        {QStringLiteral("dryRun"), dryRun},
        {QStringLiteral("applied"), applied},
        {QStringLiteral("alreadyImported"), alreadyImported.isEmpty() ? QJsonValue() : alreadyImported},
        {QStringLiteral("rowsRead"), rowsRead},
        {QStringLiteral("transactions"), transactions},
        {QStringLiteral("zeroTotals"), zeroTotals},
        {QStringLiteral("users"), users},
        {QStringLiteral("usersCreated"), usersCreated},
        {QStringLiteral("totalBefore"), totalBefore},
        {QStringLiteral("totalAfter"), totalAfter},
        {QStringLiteral("threshold"), threshold ? QJsonValue(*threshold) : QJsonValue()},
        {QStringLiteral("held"), held},
        {QStringLiteral("limits"), kind == ImportKind::Adjust ? QJsonValue(limits.toJson()) : QJsonValue()},
        {QStringLiteral("holds"), holdArray},
        {QStringLiteral("problemCount"), problemCount},
        {QStringLiteral("problems"), problemArray},
        {QStringLiteral("effects"), effectArray},
        {QStringLiteral("milliseconds"), milliseconds}};
}
