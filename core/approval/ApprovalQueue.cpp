#include "core/approval/ApprovalQueue.h"

#include "core/approval/ApprovalPolicy.h"
#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

namespace {

const QString P_ID = QStringLiteral(":id");

QString selectSql(const Dialect &d)
{
    return QStringLiteral("SELECT %1, u.\"name\", u.\"email\" FROM %2 p LEFT JOIN \"User\" u ON u.\"id\" = p.user_id ")
        .arg(PendingAdjustment::columns(QStringLiteral("p")), d.ownTable(QStringLiteral("pending_adjustment")));
}

PendingAdjustment readWithUser(const SqlRows &rows, const Dialect &d)
{
    PendingAdjustment request = PendingAdjustment::read(rows, d);
    request.userName = rows.text(PendingAdjustment::ColumnCount);
    request.userEmail = rows.text(PendingAdjustment::ColumnCount + 1);
    return request;
}

// QPSQL binds a null QString as NULL: an approval without a reason stores an empty one.
QString text(const QString &value)
{
    const QString trimmed = value.trimmed();
    return trimmed.isNull() ? QStringLiteral("") : trimmed;
}

Status checkId(const QString &id)
{
    return Validation::requiredText(QCoreApplication::translate("ApprovalQueue", "request id"), id,
                                    Validation::MaxIdLength);
}

} // namespace

Result<QList<PendingAdjustment>> ApprovalQueue::list(Which which, int limit)
{
    const Dialect &d = m_db.dialect();
    auto rows
        = m_db.run(selectSql(d) + (which == Which::Pending ? QStringLiteral("WHERE p.state = 'pending' ") : QString())
                       + QStringLiteral("ORDER BY p.requested_at, p.id LIMIT :limit"),
                   {{QStringLiteral(":limit"), limit}});
    if (!rows)
        return rows.error();
    QList<PendingAdjustment> requests;
    while (rows->next())
        requests << readWithUser(*rows, d);
    return requests;
}

Result<QList<PendingAdjustment>> ApprovalQueue::requested(const QDateTime &since, const QDateTime &until)
{
    const Dialect &d = m_db.dialect();
    const auto bound = [](const QDateTime &at, const char *open) {
        return at.isValid() ? Timestamp::toSql(at) : QString::fromLatin1(open);
    };
    auto rows = m_db.run(
        selectSql(d)
            + QStringLiteral("WHERE p.requested_at >= %1 AND p.requested_at < %2 "
                             "ORDER BY p.requested_at, p.id")
                  .arg(d.timestampParam(QStringLiteral(":since")), d.timestampParam(QStringLiteral(":until"))),
        {{QStringLiteral(":since"), bound(since, "0001-01-01 00:00:00.000")},
         {QStringLiteral(":until"), bound(until, "9999-12-31 23:59:59.999")}});
    if (!rows)
        return rows.error();
    QList<PendingAdjustment> requests;
    while (rows->next())
        requests << readWithUser(*rows, d);
    return requests;
}

Result<std::optional<PendingAdjustment>> ApprovalQueue::find(const QString &id)
{
    auto rows = m_db.run(selectSql(m_db.dialect()) + QStringLiteral("WHERE p.id = :id"), {{P_ID, id.trimmed()}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<PendingAdjustment>();
    return std::optional<PendingAdjustment>(readWithUser(*rows, m_db.dialect()));
}

Result<PendingAdjustment> ApprovalQueue::pendingForDecision(const QString &id, const QString &decisionReason,
                                                            bool reasonRequired)
{
    if (const Status s = checkId(id); !s)
        return s.error();
    const Status reason = reasonRequired
        ? Validation::requiredText(tr("reason"), decisionReason, Validation::MaxReasonLength)
        : Validation::optionalText(tr("reason"), decisionReason, Validation::MaxReasonLength);
    if (!reason)
        return reason.error();
    auto found = find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::input(tr("There is no adjustment request with id %1 (xpadmin-cli pending list shows them)")
                                .arg(Validation::quoted(id.trimmed())));
    const PendingAdjustment &request = **found;
    if (request.state == PendingAdjustment::State::Approved)
        return Error::conflict(
            tr("Adjustment request %1 was already approved by %2 (login %3) at %4: a request is decided "
               "once. Nothing was changed.")
                .arg(request.id, request.decidedOperator, request.decidedBy, Timestamp::toIso(request.decidedAt)));
    if (request.state == PendingAdjustment::State::Rejected)
        return Error::conflict(
            tr("Adjustment request %1 was already rejected by %2 (login %3) at %4: a request is decided "
               "once. Nothing was changed.")
                .arg(request.id, request.decidedOperator, request.decidedBy, Timestamp::toIso(request.decidedAt)));
    return request;
}

Status ApprovalQueue::claim(const PendingAdjustment &request, PendingAdjustment::State state,
                            const QString &decisionReason)
{
    const Dialect &d = m_db.dialect();
    // Only a row still pending is claimed: a second decider, even at the same moment, updates nothing.
    auto updated
        = m_db.run(QStringLiteral("UPDATE %1 SET state = :state, decided_by = :by, decided_operator = "
                                  ":operator, decided_at = %2, decision_reason = :reason "
                                  "WHERE id = :id AND state = 'pending'")
                       .arg(d.ownTable(QStringLiteral("pending_adjustment")), d.timestampParam(QStringLiteral(":at"))),
                   {{QStringLiteral(":state"), PendingAdjustment::stateName(state)},
                    {QStringLiteral(":by"), m_db.actor()},
                    {QStringLiteral(":operator"), m_db.operatorName()},
                    {QStringLiteral(":at"), Timestamp::toSql(Timestamp::now())},
                    {QStringLiteral(":reason"), text(decisionReason)},
                    {P_ID, request.id}});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() == 1)
        return {};
    // Someone decided it since it was read: say who.
    auto now = pendingForDecision(request.id, decisionReason, false);
    return now ? Error::conflict(tr("Adjustment request %1 was decided by someone else at the same time. Nothing was "
                                    "changed.")
                                     .arg(request.id))
               : now.error();
}

Result<ApprovalQueue::Approval> ApprovalQueue::approve(const QString &id, const QString &decisionReason)
{
    Approval approval;
    const Status status = m_db.writeTransaction([&]() -> Status {
        auto request = pendingForDecision(id, decisionReason, false);
        if (!request)
            return request.error();
        if (const Status s = ApprovalPolicy::mayApprove(*request, m_db); !s)
            return s;
        if (const Status s = claim(*request, PendingAdjustment::State::Approved, decisionReason); !s)
            return s;
        // Applied exactly as the adjustment would have been, in this transaction.
        AwardRequest award;
        award.userId = request->userId;
        award.amount = request->amount;
        award.sourceType = request->sourceType;
        award.sourceId = request->sourceId;
        award.description = request->description;
        award.category = request->category;
        award.reasonTag = request->reasonTag; // checked when it was asked for
        auto change = Ledger(m_db).apply(award);
        if (!change)
            return change.error();
        const QString xpId = change->rows.constFirst().id;
        auto linked = m_db.run(QStringLiteral("UPDATE %1 SET xp_id = :xp WHERE id = :id")
                                   .arg(m_db.dialect().ownTable(QStringLiteral("pending_adjustment"))),
                               {{QStringLiteral(":xp"), xpId}, {P_ID, request->id}});
        if (!linked)
            return linked.error();
        auto decided = find(request->id);
        if (!decided)
            return decided.error();
        approval.request = decided->value_or(*request);
        approval.change = *change;
        AuditEvent event;
        event.action = QStringLiteral("adjust-approve");
        event.operationId = request->id;
        event.userId = request->userId;
        event.xpId = xpId;
        event.amount = request->amount;
        event.reason = text(decisionReason);
        event.snapshot = JsonText::compact(approval.request.toJson());
        return AuditLog(m_db).append({event});
    });
    if (!status)
        return status.error();
    return approval;
}

Result<PendingAdjustment> ApprovalQueue::reject(const QString &id, const QString &decisionReason)
{
    PendingAdjustment rejected;
    const Status status = m_db.writeTransaction([&]() -> Status {
        auto request = pendingForDecision(id, decisionReason, true);
        if (!request)
            return request.error();
        if (const Status s = claim(*request, PendingAdjustment::State::Rejected, decisionReason); !s)
            return s;
        auto decided = find(request->id);
        if (!decided)
            return decided.error();
        rejected = decided->value_or(*request);
        AuditEvent event;
        event.action = QStringLiteral("adjust-reject");
        event.operationId = request->id;
        event.userId = request->userId;
        event.amount = request->amount;
        event.reason = text(decisionReason);
        event.snapshot = JsonText::compact(rejected.toJson());
        return AuditLog(m_db).append({event});
    });
    if (!status)
        return status.error();
    return rejected;
}
