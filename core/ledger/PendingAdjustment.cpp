#include "core/ledger/PendingAdjustment.h"

#include "core/db/Dialect.h"
#include "core/db/SqlRows.h"
#include "core/domain/Timestamp.h"

#include <QStringList>

QString PendingAdjustment::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Approved:
        return QStringLiteral("approved");
    case State::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

std::optional<PendingAdjustment::State> PendingAdjustment::stateFromName(const QString &name)
{
    for (const State state : {State::Pending, State::Approved, State::Rejected}) {
        if (stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QString PendingAdjustment::columns(const QString &alias)
{
    static const QStringList names{QStringLiteral("id"),           QStringLiteral("user_id"),
                                   QStringLiteral("amount"),       QStringLiteral("source_type"),
                                   QStringLiteral("source_id"),    QStringLiteral("category"),
                                   QStringLiteral("description"),  QStringLiteral("reason"),
                                   QStringLiteral("requested_by"), QStringLiteral("requested_operator"),
                                   QStringLiteral("requested_at"), QStringLiteral("state"),
                                   QStringLiteral("decided_by"),   QStringLiteral("decided_operator"),
                                   QStringLiteral("decided_at"),   QStringLiteral("decision_reason"),
                                   QStringLiteral("xp_id"),        QStringLiteral("reason_code"),
                                   QStringLiteral("ticket"),       QStringLiteral("held_for")};
    QStringList qualified;
    for (const QString &name : names)
        qualified << (alias.isEmpty() ? name : alias + QLatin1Char('.') + name);
    return qualified.join(QStringLiteral(", "));
}

PendingAdjustment PendingAdjustment::read(const SqlRows &rows, const Dialect &dialect)
{
    PendingAdjustment request;
    request.id = rows.text(0);
    request.userId = rows.text(1);
    request.amount = rows.integer(2);
    request.sourceType = XpEnums::sourceTypeFromName(rows.text(3)).value_or(SourceType::ManualAdjustment);
    request.sourceId = rows.text(4);
    request.category = XpEnums::categoryFromName(rows.text(5)).value_or(Category::Manual);
    request.description = rows.text(6);
    request.reason = rows.text(7);
    request.requestedBy = rows.text(8);
    request.requestedOperator = rows.text(9);
    request.requestedAt = dialect.readTimestamp(rows.value(10));
    request.state = stateFromName(rows.text(11)).value_or(State::Pending);
    request.decidedBy = rows.text(12);
    request.decidedOperator = rows.text(13);
    if (!rows.isNull(14))
        request.decidedAt = dialect.readTimestamp(rows.value(14));
    request.decisionReason = rows.text(15);
    request.xpId = rows.text(16);
    request.reasonTag = {rows.text(17), rows.text(18)};
    request.heldFor = HoldReasons::fromKey(rows.text(19)).value_or(HoldReason::Threshold);
    return request;
}

QJsonObject PendingAdjustment::toJson() const
{
    QJsonObject object{{QStringLiteral("id"), id},
                       {QStringLiteral("userId"), userId},
                       {QStringLiteral("amount"), amount},
                       {QStringLiteral("sourceType"), XpEnums::name(sourceType)},
                       {QStringLiteral("sourceId"), sourceId},
                       {QStringLiteral("category"), XpEnums::name(category)},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("reason"), reason},
                       {QStringLiteral("requestedBy"), requestedBy},
                       {QStringLiteral("requestedOperator"), requestedOperator},
                       {QStringLiteral("requestedAt"), Timestamp::toIso(requestedAt)},
                       {QStringLiteral("state"), stateName(state)},
                       {QStringLiteral("heldFor"), HoldReasons::key(heldFor)}};
    if (state != State::Pending) {
        object.insert(QStringLiteral("decidedBy"), decidedBy);
        object.insert(QStringLiteral("decidedOperator"), decidedOperator);
        object.insert(QStringLiteral("decidedAt"), Timestamp::toIso(decidedAt));
        object.insert(QStringLiteral("decisionReason"), decisionReason);
    }
    if (!xpId.isEmpty())
        object.insert(QStringLiteral("xpId"), xpId);
    reasonTag.addTo(object);
    return object;
}
