#include "app/cli/VerifyCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStandby.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/audit/AuditAnchor.h"
#include "core/audit/DirectTotalChange.h"
#include "core/capture/CaptureSealer.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/RowFindingText.h"
#include "core/ledger/Verifier.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

constexpr int MaxListedRows = 1000; // differences listed as text; --json lists all

QJsonArray driftsJson(const QList<Drift> &drifts)
{
    QJsonArray array;
    for (const Drift &drift : drifts)
        array.append(CliFormat::driftJson(drift));
    return array;
}

QJsonObject rowsJson(const VerifyReport &report)
{
    QJsonArray differences;
    for (const RowFinding &finding : report.rows.findings) {
        const bool changed = finding.kind == RowFinding::Kind::Changed;
        differences.append(
            QJsonObject{{QStringLiteral("row"), finding.xpId},
                        {QStringLiteral("kind"), RowFindingText::key(finding.kind)},
                        {QStringLiteral("field"), finding.field.isEmpty() ? QJsonValue() : finding.field},
                        {QStringLiteral("logValue"), changed ? QJsonValue(finding.logValue) : QJsonValue()},
                        {QStringLiteral("tableValue"), changed ? QJsonValue(finding.tableValue) : QJsonValue()},
                        {QStringLiteral("userId"), changed ? QJsonValue() : QJsonValue(finding.userId)},
                        {QStringLiteral("amount"), changed ? QJsonValue() : QJsonValue(finding.amount)},
                        {QStringLiteral("event"), finding.seq},
                        {QStringLiteral("action"), finding.action}});
    }
    const UnprovableRows &unprovable = report.rows.unprovable;
    const auto time
        = [](const QDateTime &at) { return at.isValid() ? QJsonValue(Timestamp::toIso(at)) : QJsonValue(); };
    return QJsonObject{{QStringLiteral("reconciled"), report.rowsReconciled},
                       {QStringLiteral("logged"), report.rows.rowsLogged},
                       {QStringLiteral("matched"), report.rows.rowsMatched},
                       {QStringLiteral("differences"), differences},
                       {QStringLiteral("notProvable"),
                        QJsonObject{{QStringLiteral("count"), unprovable.count},
                                    {QStringLiteral("firstCreatedAt"), time(unprovable.firstCreatedAt)},
                                    {QStringLiteral("lastCreatedAt"), time(unprovable.lastCreatedAt)}}}};
}

// A drifted total's last change, made directly in the database, as JSON (null when none).
QJsonValue directChangeJson(const VerifyReport &report, const QString &userId)
{
    const auto found = report.directChanges.constFind(userId);
    if (found == report.directChanges.cend())
        return QJsonValue();
    const QJsonObject snapshot = QJsonDocument::fromJson(found->snapshot.toUtf8()).object();
    return QJsonObject{{QStringLiteral("event"), found->seq},
                       {QStringLiteral("at"), Timestamp::toIso(found->at)},
                       {QStringLiteral("role"), snapshot.value(QStringLiteral("role"))},
                       {QStringLiteral("application"), snapshot.value(QStringLiteral("application"))},
                       {QStringLiteral("client"), snapshot.value(QStringLiteral("client"))},
                       {QStringLiteral("txid"), snapshot.value(QStringLiteral("txid"))},
                       {QStringLiteral("before"), snapshot.value(QStringLiteral("totalXP_before"))},
                       {QStringLiteral("after"), snapshot.value(QStringLiteral("totalXP_after"))}};
}

QJsonArray driftJson(const VerifyReport &report)
{
    QJsonArray array;
    for (const Drift &drift : report.drift) {
        QJsonObject object = CliFormat::driftJson(drift);
        object.insert(QStringLiteral("directChange"), directChangeJson(report, drift.userId));
        array.append(object);
    }
    return array;
}

} // namespace

QString VerifyCommand::directChangeText(const AuditEvent &event)
{
    const auto change = DirectTotalChange::of(event);
    if (!change)
        return {};
    const auto total = [](const std::optional<qint64> &value) { return value ? QString::number(*value) : tr("none"); };
    return tr("set directly in the database by %1, %2, at %3: %4 -> %5 (audit event %6)")
        .arg(change->who(), change->where(), Timestamp::toIso(change->at), total(change->before), total(change->after),
             QString::number(change->seq));
}

Status VerifyCommand::sealCaptured(Database &primary, QList<QStringList> &rows, QJsonObject &json)
{
    // A read-only connection asks first, and opens one that may write only when there is
    // something to seal: verify changes nothing else (no schema step, no index).
    std::unique_ptr<Database> writer;
    Database *sealer = &primary;
    if (primary.mode() == Database::OpenMode::ReadOnly) {
        auto waiting = CaptureSealer(primary).waiting();
        if (!waiting)
            return waiting.error();
        if (*waiting == 0) {
            json.insert(QStringLiteral("sealed"), 0);
            return {};
        }
        auto opened = Database::open(primary.spec(), primary.operatorName(), Database::OpenMode::ReadWrite);
        if (!opened)
            return opened.error();
        writer = std::move(*opened);
        sealer = writer.get();
    }
    bool mayNotSeal = false;
    const auto sealed = CaptureSealer(*sealer).seal(&mayNotSeal);
    if (!sealed)
        return sealed.error();
    json.insert(QStringLiteral("sealed"), *sealed);
    json.insert(QStringLiteral("maySeal"), !mayNotSeal);
    if (*sealed > 0)
        rows << QStringList{tr("Captured changes:"),
                            tr("%n event(s) sealed into the audit log first", nullptr, int(*sealed))};
    else if (mayNotSeal)
        rows << QStringList{tr("Captured changes:"),
                            tr("capture is installed, but this role may not seal its records here: changes made "
                               "outside XP Admin since the last seal are not in this check")};
    return {};
}

void VerifyCommand::addRowLines(QList<QStringList> &rows, const VerifyReport &report, bool strict)
{
    if (!report.rowsReconciled) {
        rows << QStringList{tr("Transactions:"), tr("not checked against the audit log: the log itself is broken")};
        return;
    }
    const RowReconciliation &reconciled = report.rows;
    const int differing = int(reconciled.findings.size());
    rows << QStringList{tr("Transactions:"),
                        differing == 0
                            ? tr("%n transaction(s) match the audit log", nullptr, int(reconciled.rowsMatched))
                            : tr("%n difference(s) from the audit log", nullptr, differing) + QLatin1String("; ")
                                + tr("%n transaction(s) match it", nullptr, int(reconciled.rowsMatched))};
    for (int i = 0; i < std::min(differing, MaxListedRows); ++i)
        rows << QStringList{QString(), RowFindingText::describe(reconciled.findings.at(i))};
    if (differing > MaxListedRows)
        rows << QStringList{QString(), tr("and %n more (--json lists them all)", nullptr, differing - MaxListedRows)};
    QList<RowFinding::Kind> kinds;
    for (const RowFinding &finding : reconciled.findings) {
        if (!kinds.contains(finding.kind))
            kinds << finding.kind;
    }
    std::sort(kinds.begin(), kinds.end());
    for (const RowFinding::Kind kind : std::as_const(kinds))
        rows << QStringList{QString(), RowFindingText::advice(kind)};
    if (differing > 0)
        rows << QStringList{QString(), tr("Verify never changes a transaction: the audit log is the evidence.")};
    const UnprovableRows &unprovable = reconciled.unprovable;
    if (unprovable.count == 0)
        return;
    rows << QStringList{
        tr("Not provable:"),
        tr("%n transaction(s) the audit log never saw, created %1 to %2 (the web app's own, demo "
           "data, or from before XP Admin)",
           nullptr, int(unprovable.count))
            .arg(Timestamp::toIso(unprovable.firstCreatedAt), Timestamp::toIso(unprovable.lastCreatedAt))};
    if (strict)
        rows << QStringList{QString(), tr("--strict: a transaction the audit log never saw is a problem.")};
}

int VerifyCommand::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("verify"), QStringLiteral("[--repair] [--anchor FILE] [--strict]"),
                         tr("Checks that the audit log's hash chain is intact, that every user's cached total "
                            "equals the sum of their transactions, and that every transaction XP Admin wrote or "
                            "removed is as the audit log last recorded it. Transactions the log never saw are "
                            "counted as not provable. Exit status 1 when it finds a problem."));
    parser.addOption(QStringLiteral("repair"), QString(),
                     tr("First set every drifted total from the sum (audited), then verify again. Transactions "
                        "that differ from the audit log are never changed."));
    parser.addOption(QStringLiteral("strict"), QString(),
                     tr("Also count transactions the audit log never saw as a problem (exit status 1): for a "
                        "ledger that only XP Admin writes."));
    parser.addOption(QStringLiteral("anchor"), QStringLiteral("FILE"),
                     tr("Also check that the event recorded in FILE (xpadmin-cli audit anchor) is still there with "
                        "the same hash, so that removing the newest events is found too."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    std::optional<AuditAnchor> anchor;
    if (parser.isSet(QStringLiteral("anchor"))) {
        auto loaded = AuditAnchor::load(parser.value(QStringLiteral("anchor")));
        if (!loaded)
            return out.fail(loaded.error());
        anchor = *loaded;
    }

    // A standby behind the anchor would seem to lack the newest events: an anchor is checked on
    // the primary.
    const auto access = parser.isSet(QStringLiteral("repair")) ? CliContext::Access::Write
        : anchor                                               ? CliContext::Access::Read
                                                               : CliContext::Access::ReadStandby;
    // PostgreSQL: the changes capture recorded are sealed first, on the primary, so that the log
    // verified is the ledger's whole history (a role that may not seal verifies what is sealed).
    QJsonObject json;
    QList<QStringList> rows;
    QJsonObject captureJson;
    const auto spec = m_context.spec();
    if (spec && spec->backend == ConnectionSpec::Backend::Postgres) {
        auto primary = m_context.open(parser.isSet(QStringLiteral("repair")) ? CliContext::Access::Write
                                                                             : CliContext::Access::Read);
        if (!primary)
            return out.fail(primary.error());
        if (const Status s = sealCaptured(**primary, rows, captureJson); !s)
            return out.fail(s.error());
    }
    auto db = m_context.open(access);
    if (!db)
        return out.fail(db.error());
    m_context.standby().printAsOf();
    Verifier verifier(**db);
    if (parser.isSet(QStringLiteral("repair"))) {
        const auto repaired = verifier.repair();
        if (!repaired)
            return out.fail(repaired.error());
        json.insert(QStringLiteral("repaired"), driftsJson(repaired->fixed));
        rows << QStringList{tr("Totals repaired:"), QString::number(repaired->fixed.size())};
        for (const Drift &drift : std::as_const(repaired->fixed))
            rows << QStringList{
                QString(),
                tr("user %1: %2 -> %3").arg(drift.userId, QString::number(drift.cached), QString::number(drift.sum))};
    }

    const InterruptGuard guard;
    QElapsedTimer timer;
    timer.start();
    const auto progress = [&](qint64 checked) {
        if (timer.elapsed() > CliOutput::QuietMs)
            out.progress(tr("Verifying: %n audit event(s) checked", nullptr, int(checked)));
        return !InterruptGuard::interrupted();
    };
    const auto report = verifier.verify(progress);
    out.endProgress();
    if (!report)
        return out.fail(report.error());
    std::optional<AnchorCheck> anchorCheck;
    if (anchor) {
        auto checked = AuditAnchorCheck(**db).check(*anchor);
        if (!checked)
            return out.fail(checked.error());
        anchorCheck = *checked;
    }
    const bool strict = parser.isSet(QStringLiteral("strict"));
    const bool ok
        = report->ok() && (!anchorCheck || anchorCheck->ok()) && (!strict || report->rows.unprovable.count == 0);

    if (!captureJson.isEmpty())
        json.insert(QStringLiteral("capture"), captureJson);
    json.insert(QStringLiteral("eventsChecked"), report->eventsChecked);
    json.insert(QStringLiteral("chainIntact"), !report->brokenSeq.has_value());
    json.insert(QStringLiteral("brokenEvent"), report->brokenSeq ? QJsonValue(*report->brokenSeq) : QJsonValue());
    json.insert(QStringLiteral("brokenReason"), report->brokenSeq ? QJsonValue(report->brokenReason) : QJsonValue());
    json.insert(QStringLiteral("drift"), driftJson(*report));
    json.insert(QStringLiteral("rows"), rowsJson(*report));
    json.insert(QStringLiteral("closedPeriods"), QJsonArray::fromStringList(report->periodFindings));
    if (anchorCheck)
        json.insert(QStringLiteral("anchor"),
                    QJsonObject{{QStringLiteral("seq"), anchorCheck->anchoredSeq},
                                {QStringLiteral("newestSeq"), anchorCheck->newestSeq},
                                {QStringLiteral("intact"), anchorCheck->ok()},
                                {QStringLiteral("brokenEvent"),
                                 anchorCheck->brokenSeq ? QJsonValue(*anchorCheck->brokenSeq) : QJsonValue()},
                                {QStringLiteral("problem"),
                                 anchorCheck->ok() ? QJsonValue() : QJsonValue(anchorCheck->problem)}});
    json.insert(QStringLiteral("ok"), ok);
    if (out.json()) {
        out.printJson(json);
    } else {
        rows << QStringList{tr("Audit events checked:"), QString::number(report->eventsChecked)};
        rows << QStringList{
            tr("Hash chain:"),
            report->brokenSeq
                ? tr("BROKEN at event %1: %2").arg(QString::number(*report->brokenSeq), report->brokenReason)
                : tr("intact")};
        if (anchorCheck)
            rows << QStringList{tr("Anchor:"),
                                anchorCheck->ok() ? tr("holds: %1").arg(anchorCheck->summary())
                                                  : tr("BROKEN: %1").arg(anchorCheck->problem)};
        rows << QStringList{tr("Totals:"),
                            report->drift.isEmpty()
                                ? tr("every cached total equals the sum of its transactions")
                                : tr("drifted from the sum for %n user(s) (verify --repair fixes them)", nullptr,
                                     int(report->drift.size()))};
        for (const Drift &drift : std::as_const(report->drift)) {
            rows << QStringList{QString(),
                                tr("user %1: cached %2, sum %3")
                                    .arg(drift.userId, QString::number(drift.cached), QString::number(drift.sum))};
            if (const auto direct = report->directChanges.constFind(drift.userId);
                direct != report->directChanges.cend())
                rows << QStringList{QString(), QStringLiteral("  ") + directChangeText(*direct)};
        }
        addRowLines(rows, *report, strict);
        if (report->rowsReconciled)
            rows << QStringList{tr("Closed periods:"),
                                report->periodFindings.isEmpty()
                                    ? tr("every close holds the totals its audit event anchors")
                                    : report->periodFindings.constFirst()};
        for (const QString &finding : report->periodFindings.mid(1))
            rows << QStringList{QString(), finding};
        out.write(CliFormat::table(rows, {false, false}));
    }
    return ok ? ExitCode::Ok : ExitCode::Problems;
}
