#include "core/ledger/ApprovalGate.h"

#include "core/audit/AuditLog.h"
#include "core/db/BulkInsert.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"

#include <QJsonObject>

#include <limits>

namespace {

const QString ThresholdKey = QStringLiteral("approval_threshold");
const QString Off = QStringLiteral("off");

} // namespace

QString ApprovalGate::thresholdText(std::optional<qint64> threshold)
{
    return threshold ? QString::number(*threshold) : Off;
}

Result<std::optional<qint64>> ApprovalGate::parseThreshold(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(Off, Qt::CaseInsensitive) == 0)
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (!ok || value < 0 || value > std::numeric_limits<qint32>::max())
        return Error::input(tr("The approval threshold %1 is not valid: give a whole number of XP from 0 to %2, or "
                               "\"off\" to apply every adjustment at once")
                                .arg(Validation::quoted(text))
                                .arg(std::numeric_limits<qint32>::max()));
    return std::optional<qint64>(value);
}

Result<std::optional<qint64>> ApprovalGate::threshold()
{
    auto rows = m_db.run(
        QStringLiteral("SELECT value FROM %1 WHERE key = :key").arg(m_db.dialect().ownTable(QStringLiteral("meta"))),
        {{QStringLiteral(":key"), ThresholdKey}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<qint64>(DefaultThreshold);
    auto parsed = parseThreshold(rows->text(0));
    if (!parsed)
        return Error::database(tr("The approval threshold stored in the database, %1, is not valid: set it again with "
                                  "xpadmin-cli pending threshold N")
                                   .arg(Validation::quoted(rows->text(0))));
    return parsed;
}

Status ApprovalGate::setThreshold(std::optional<qint64> threshold)
{
    if (threshold && (*threshold < 0 || *threshold > std::numeric_limits<qint32>::max()))
        return parseThreshold(QString::number(*threshold)).error();
    return m_db.writeTransaction([&]() -> Status {
        auto before = this->threshold();
        if (!before)
            return before.error();
        if (*before == threshold)
            return {};
        auto rows
            = m_db.run(QStringLiteral("INSERT INTO %1 (key, value) VALUES (:key, :value) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                           .arg(m_db.dialect().ownTable(QStringLiteral("meta"))),
                       {{QStringLiteral(":key"), ThresholdKey}, {QStringLiteral(":value"), thresholdText(threshold)}});
        if (!rows)
            return rows.error();
        AuditEvent event;
        event.action = QStringLiteral("approval-threshold");
        event.operationId = Cuid::generate();
        event.reason
            = tr("approval threshold changed from %1 to %2").arg(thresholdText(*before), thresholdText(threshold));
        event.snapshot = JsonText::compact(QJsonObject{{QStringLiteral("before"), thresholdText(*before)},
                                                       {QStringLiteral("after"), thresholdText(threshold)}});
        return AuditLog(m_db).append({event});
    });
}

Result<std::optional<HoldReason>> ApprovalGate::holdReason(qint64 amount)
{
    LimitCheck limits(m_db);
    const QString person = LimitCheck::connectedPerson(m_db);
    if (const Status s = limits.lockDay(person); !s)
        return s.error();
    auto own = limits.read(person);
    if (!own)
        return own.error();
    if (const auto reason = own->holdFor(amount))
        return std::optional<HoldReason>(reason);
    auto limit = threshold();
    if (!limit)
        return limit.error();
    return isAbove(amount, *limit) ? std::optional<HoldReason>(HoldReason::Threshold) : std::nullopt;
}

Result<std::optional<PendingAdjustment>> ApprovalGate::holdIfAbove(const AwardRequest &request, const QString &reason)
{
    std::optional<PendingAdjustment> held;
    const Status status = m_db.writeTransaction([&]() -> Status {
        held.reset();
        auto because = holdReason(request.amount);
        if (!because)
            return because.error();
        if (!*because)
            return {};
        if (const Status s = Validation::requiredText(tr("user"), request.userId, Validation::MaxIdLength); !s)
            return s;
        auto pending = makeRequest(request, reason);
        if (!pending)
            return pending.error();
        pending->heldFor = **because;
        auto user = m_db.run(QStringLiteral("SELECT 1 FROM \"User\" WHERE \"id\" = :user"),
                             {{QStringLiteral(":user"), request.userId}});
        if (!user)
            return user.error();
        if (!user->next())
            return Error::input(QCoreApplication::translate("Ledger", "Unknown user %1: no such id in \"User\"")
                                    .arg(Validation::quoted(request.userId)));
        if (const Status s = store({*pending}); !s)
            return s;
        held = *pending;
        return {};
    });
    if (!status)
        return status.error();
    return held;
}

Result<LedgerChange> ApprovalGate::holdOrApply(const AwardRequest &request, const QString &reason,
                                               const std::function<Result<LedgerChange>()> &apply)
{
    LedgerChange change;
    const Status status = m_db.writeTransaction([&]() -> Status {
        auto held = holdIfAbove(request, reason);
        if (!held)
            return held.error();
        if (held->has_value()) {
            change = LedgerChange();
            change.operationId = (*held)->id;
            change.pendingId = (*held)->id;
            change.heldFor = (*held)->heldFor;
            return {};
        }
        auto applied = apply();
        if (!applied)
            return applied.error();
        change = *applied;
        return {};
    });
    if (!status)
        return status.error();
    return change;
}

Result<PendingAdjustment> ApprovalGate::makeRequest(const AwardRequest &request, const QString &reason) const
{
    if (const Status s = Validation::amount(tr("amount"), request.amount); !s)
        return s.error();
    if (const Status s = Validation::requiredText(tr("reason"), reason, Validation::MaxReasonLength); !s)
        return s.error();
    if (const Status s
        = Validation::requiredText(tr("description"), request.description, Validation::MaxDescriptionLength);
        !s)
        return s.error();
    PendingAdjustment pending;
    pending.id = Cuid::generate();
    pending.userId = request.userId;
    pending.amount = request.amount;
    pending.sourceType = request.sourceType;
    pending.sourceId = request.sourceId;
    pending.category = request.category;
    pending.description = request.description;
    pending.reason = reason;
    pending.requestedBy = m_db.actor();
    pending.requestedOperator = m_db.operatorName();
    pending.requestedAt = Timestamp::now();
    pending.reasonTag = request.reasonTag;
    return pending;
}

Status ApprovalGate::store(const QList<PendingAdjustment> &requests)
{
    if (requests.isEmpty())
        return {};
    return m_db.writeTransaction([&]() -> Status {
        const Dialect &d = m_db.dialect();
        const QString p = QStringLiteral("?");
        BulkInsert rows(m_db, d.ownTable(QStringLiteral("pending_adjustment")),
                        {QStringLiteral("id"), QStringLiteral("user_id"), QStringLiteral("amount"),
                         QStringLiteral("source_type"), QStringLiteral("source_id"), QStringLiteral("category"),
                         QStringLiteral("description"), QStringLiteral("reason"), QStringLiteral("requested_by"),
                         QStringLiteral("requested_operator"), QStringLiteral("requested_at"), QStringLiteral("state"),
                         QStringLiteral("reason_code"), QStringLiteral("ticket"), QStringLiteral("held_for")},
                        {p, p, p, p, p, p, p, p, p, p, d.timestampParam(p), p, p, p, p});
        QList<AuditEvent> events;
        for (const PendingAdjustment &pending : requests) {
            if (const Status s
                = rows.add({pending.id, pending.userId, pending.amount, XpEnums::name(pending.sourceType),
                            pending.sourceId, XpEnums::name(pending.category), pending.description, pending.reason,
                            pending.requestedBy, pending.requestedOperator, Timestamp::toSql(pending.requestedAt),
                            PendingAdjustment::stateName(PendingAdjustment::State::Pending),
                            pending.reasonTag.code.isEmpty() ? QVariant() : QVariant(pending.reasonTag.code),
                            pending.reasonTag.ticket.isEmpty() ? QVariant() : QVariant(pending.reasonTag.ticket),
                            HoldReasons::key(pending.heldFor)});
                !s)
                return s;
            AuditEvent event;
            event.action = QStringLiteral("adjust-request");
            event.operationId = pending.id; // every event of the request carries its id
            event.userId = pending.userId;
            event.amount = pending.amount;
            event.reason = pending.reason;
            event.snapshot = JsonText::compact(pending.toJson());
            events << event;
        }
        if (const Status s = rows.finish(); !s)
            return s;
        return AuditLog(m_db).append(std::move(events));
    });
}
