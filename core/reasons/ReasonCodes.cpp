#include "core/reasons/ReasonCodes.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/reasons/ReasonCheck.h"

#include <QJsonObject>

namespace {

const QString PatternKey = QStringLiteral("ticket_pattern");
const QString P_CODE = QStringLiteral(":code");

QJsonObject codeJson(const ReasonCode &code)
{
    return {{QStringLiteral("code"), code.code},
            {QStringLiteral("label"), code.label},
            {QStringLiteral("ticketRequired"), code.ticketRequired},
            {QStringLiteral("retired"), code.retired}};
}

QString field(const char *text)
{
    return QCoreApplication::translate("ReasonCodes", text);
}

} // namespace

Result<ReasonCatalog> ReasonCodes::catalog()
{
    const Dialect &d = m_db.dialect();
    ReasonCatalog catalog;
    {
        auto rows = m_db.run(QStringLiteral("SELECT code, label, ticket_required, retired_at FROM %1 ORDER BY code")
                                 .arg(d.ownTable(QStringLiteral("reason_code"))));
        if (!rows)
            return rows.error();
        while (rows->next())
            catalog.codes << ReasonCode{rows->text(0), rows->text(1), rows->integer(2) != 0, !rows->isNull(3)};
    }
    auto rows = m_db.run(
        QStringLiteral("SELECT value FROM %1 WHERE key = :key").arg(d.ownTable(QStringLiteral("reason_setting"))),
        {{QStringLiteral(":key"), PatternKey}});
    if (!rows)
        return rows.error();
    if (rows->next())
        catalog.ticketPattern = rows->text(0);
    return catalog;
}

Result<QHash<QString, qint64>> ReasonCodes::uses()
{
    auto rows = m_db.run(QStringLiteral("SELECT reason_code, count(*) FROM %1 WHERE reason_code IS NOT NULL "
                                        "GROUP BY reason_code")
                             .arg(m_db.dialect().ownTable(QStringLiteral("xp_reason"))));
    if (!rows)
        return rows.error();
    QHash<QString, qint64> counts;
    while (rows->next())
        counts.insert(rows->text(0), rows->integer(1));
    return counts;
}

Result<std::optional<ReasonCode>> ReasonCodes::find(const QString &code)
{
    auto rows = m_db.run(QStringLiteral("SELECT code, label, ticket_required, retired_at FROM %1 WHERE code = :code")
                             .arg(m_db.dialect().ownTable(QStringLiteral("reason_code"))),
                         {{P_CODE, code}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<ReasonCode>();
    return std::optional<ReasonCode>(ReasonCode{rows->text(0), rows->text(1), rows->integer(2) != 0, !rows->isNull(3)});
}

Status ReasonCodes::audit(const QString &reason, const QJsonObject &snapshot)
{
    AuditEvent event;
    event.action = QStringLiteral("reason-code");
    event.operationId = Cuid::generate();
    event.reason = reason;
    event.snapshot = JsonText::compact(snapshot);
    return AuditLog(m_db).append({event});
}

Status ReasonCodes::add(const QString &rawCode, const QString &rawLabel, bool ticketRequired)
{
    auto code = ReasonCheck::code(field("code"), rawCode);
    if (!code)
        return code.error();
    auto label = ReasonCheck::label(field("label"), rawLabel);
    if (!label)
        return label.error();
    return m_db.writeTransaction([&]() -> Status {
        auto all = catalog();
        if (!all)
            return all.error();
        if (const ReasonCode *same = all->find(*code))
            return Error::input(tr("Reason code %1 exists already (%2%3): relabel it with reason-codes change. "
                                   "Nothing was changed.")
                                    .arg(*code, same->label, same->retired ? tr(", retired") : QString()));
        for (const ReasonCode &other : std::as_const(all->codes)) {
            if (other.label.compare(*label, Qt::CaseInsensitive) == 0)
                return Error::input(tr("The label %1 is already the label of reason code %2: two codes a person "
                                       "chooses by label need different labels. Nothing was changed.")
                                        .arg(Validation::quoted(*label), other.code));
        }
        const Dialect &d = m_db.dialect();
        auto inserted = m_db.run(
            QStringLiteral("INSERT INTO %1 (code, label, ticket_required, created_at, created_by) VALUES (:code, "
                           ":label, :required, %2, :by)")
                .arg(d.ownTable(QStringLiteral("reason_code")), d.timestampParam(QStringLiteral(":at"))),
            {{P_CODE, *code},
             {QStringLiteral(":label"), *label},
             {QStringLiteral(":required"), ticketRequired ? 1 : 0},
             {QStringLiteral(":at"), Timestamp::toSql(Timestamp::now())},
             {QStringLiteral(":by"), m_db.operatorName().isEmpty() ? m_db.actor() : m_db.operatorName()}});
        if (!inserted)
            return inserted.error();
        const ReasonCode added{*code, *label, ticketRequired, false};
        QJsonObject snapshot = codeJson(added);
        snapshot.insert(QStringLiteral("change"), QStringLiteral("added"));
        return audit(tr("reason code %1 added: %2").arg(*code, *label), snapshot);
    });
}

Status ReasonCodes::change(const QString &rawCode, const std::optional<QString> &rawLabel,
                           std::optional<bool> ticketRequired)
{
    auto code = ReasonCheck::code(field("code"), rawCode);
    if (!code)
        return code.error();
    std::optional<QString> label;
    if (rawLabel) {
        auto checked = ReasonCheck::label(field("label"), *rawLabel);
        if (!checked)
            return checked.error();
        label = *checked;
    }
    if (!label && !ticketRequired)
        return Error::input(
            tr("Say what to change of reason code %1: a new label, or whether it requires a ticket").arg(*code));
    return m_db.writeTransaction([&]() -> Status {
        auto all = catalog();
        if (!all)
            return all.error();
        const ReasonCode *found = all->find(*code);
        if (!found)
            return Error::input(tr("There is no reason code %1; the codes are %2. Nothing was changed.")
                                    .arg(Validation::quoted(*code), ReasonCheck::activeList(*all)));
        const ReasonCode before = *found;
        if (before.retired)
            return Error::input(
                tr("Reason code %1 (%2) is retired: it keeps its label for the changes that took it. Nothing was "
                   "changed.")
                    .arg(*code, before.label));
        ReasonCode after = before;
        if (label)
            after.label = *label;
        if (ticketRequired)
            after.ticketRequired = *ticketRequired;
        if (after.label == before.label && after.ticketRequired == before.ticketRequired)
            return {};
        for (const ReasonCode &other : std::as_const(all->codes)) {
            if (other.code != *code && other.label.compare(after.label, Qt::CaseInsensitive) == 0)
                return Error::input(tr("The label %1 is already the label of reason code %2: two codes a person "
                                       "chooses by label need different labels. Nothing was changed.")
                                        .arg(Validation::quoted(after.label), other.code));
        }
        auto updated = m_db.run(QStringLiteral("UPDATE %1 SET label = :label, ticket_required = :required WHERE "
                                               "code = :code")
                                    .arg(m_db.dialect().ownTable(QStringLiteral("reason_code"))),
                                {{QStringLiteral(":label"), after.label},
                                 {QStringLiteral(":required"), after.ticketRequired ? 1 : 0},
                                 {P_CODE, *code}});
        if (!updated)
            return updated.error();
        QJsonObject snapshot = codeJson(after);
        snapshot.insert(QStringLiteral("change"), QStringLiteral("changed"));
        snapshot.insert(QStringLiteral("before"), codeJson(before));
        return audit(tr("reason code %1 changed: %2").arg(*code, after.label), snapshot);
    });
}

Status ReasonCodes::retire(const QString &rawCode)
{
    auto code = ReasonCheck::code(field("code"), rawCode);
    if (!code)
        return code.error();
    return m_db.writeTransaction([&]() -> Status {
        auto found = find(*code);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error::input(tr("There is no reason code %1. Nothing was changed.").arg(Validation::quoted(*code)));
        ReasonCode retired = **found;
        if (retired.retired)
            return Error::input(
                tr("Reason code %1 (%2) is retired already. Nothing was changed.").arg(*code, retired.label));
        const Dialect &d = m_db.dialect();
        auto updated
            = m_db.run(QStringLiteral("UPDATE %1 SET retired_at = %2 WHERE code = :code")
                           .arg(d.ownTable(QStringLiteral("reason_code")), d.timestampParam(QStringLiteral(":at"))),
                       {{QStringLiteral(":at"), Timestamp::toSql(Timestamp::now())}, {P_CODE, *code}});
        if (!updated)
            return updated.error();
        retired.retired = true;
        QJsonObject snapshot = codeJson(retired);
        snapshot.insert(QStringLiteral("change"), QStringLiteral("retired"));
        return audit(tr("reason code %1 retired: %2").arg(*code, retired.label), snapshot);
    });
}

Status ReasonCodes::setTicketPattern(const QString &rawPattern)
{
    auto pattern = ReasonCheck::ticketPattern(field("ticket link pattern"), rawPattern);
    if (!pattern)
        return pattern.error();
    return m_db.writeTransaction([&]() -> Status {
        auto all = catalog();
        if (!all)
            return all.error();
        if (all->ticketPattern == *pattern)
            return {};
        const QString table = m_db.dialect().ownTable(QStringLiteral("reason_setting"));
        auto written = pattern->isEmpty()
            ? m_db.run(QStringLiteral("DELETE FROM %1 WHERE key = :key").arg(table),
                       {{QStringLiteral(":key"), PatternKey}})
            : m_db.run(QStringLiteral("INSERT INTO %1 (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE "
                                      "SET value = excluded.value")
                           .arg(table),
                       {{QStringLiteral(":key"), PatternKey}, {QStringLiteral(":value"), *pattern}});
        if (!written)
            return written.error();
        const QJsonObject snapshot{{QStringLiteral("change"), QStringLiteral("ticket-pattern")},
                                   {QStringLiteral("before"), all->ticketPattern},
                                   {QStringLiteral("after"), *pattern}};
        return audit(pattern->isEmpty() ? tr("ticket link pattern removed")
                                        : tr("ticket link pattern set to %1").arg(*pattern),
                     snapshot);
    });
}

Result<ReasonTag> ReasonCodes::check(const ReasonTag &given, const QString &codeField, const QString &ticketField)
{
    auto all = catalog();
    if (!all)
        return all.error();
    return ReasonCheck::forAdjustment(*all, given, codeField, ticketField);
}

Status ReasonCodes::checkAdjustment(ReasonTag &tag)
{
    auto checked = check(tag, field("reason code"), field("ticket"));
    if (!checked)
        return checked.error();
    tag = *checked;
    return {};
}

Status ReasonCodes::record(const QString &xpId, const ReasonTag &tag)
{
    if (tag.isEmpty())
        return {};
    auto inserted = m_db.run(recordSql(m_db.dialect()), recordBindings(xpId, tag));
    return inserted ? Status() : Status(inserted.error());
}

QString ReasonCodes::recordSql(const Dialect &dialect)
{
    return QStringLiteral("INSERT INTO %1 (xp_id, reason_code, ticket) VALUES (:xp, :code, :ticket)")
        .arg(dialect.ownTable(QStringLiteral("xp_reason")));
}

Bindings ReasonCodes::recordBindings(const QString &xpId, const ReasonTag &tag)
{
    return {{QStringLiteral(":xp"), xpId},
            {P_CODE, tag.code.isEmpty() ? QVariant() : QVariant(tag.code)},
            {QStringLiteral(":ticket"), tag.ticket.isEmpty() ? QVariant() : QVariant(tag.ticket)}};
}

Result<ReasonTag> ReasonCodes::tagOf(const QString &xpId)
{
    auto rows = m_db.run(QStringLiteral("SELECT reason_code, ticket FROM %1 WHERE xp_id = :xp")
                             .arg(m_db.dialect().ownTable(QStringLiteral("xp_reason"))),
                         {{QStringLiteral(":xp"), xpId}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return ReasonTag();
    return ReasonTag{rows->text(0), rows->text(1)};
}
