#include "app/cli/VerifyCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/audit/AuditAnchor.h"
#include "core/ledger/Verifier.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

namespace {

constexpr qint64 QuietMs = 500; // no progress line for a verify that is over this soon

QJsonArray toJson(const QList<Drift> &drifts)
{
    QJsonArray array;
    for (const Drift &drift : drifts)
        array.append(CliFormat::driftJson(drift));
    return array;
}

} // namespace

int VerifyCommand::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("verify"), QStringLiteral("[--repair] [--anchor FILE]"),
                         tr("Checks that the audit log's hash chain is intact and that every user's cached total "
                            "equals the sum of their transactions. Exit status 1 when it finds a problem."));
    parser.addOption(QStringLiteral("repair"), QString(),
                     tr("First set every drifted total from the sum (audited), then verify again."));
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

    auto db
        = m_context.open(parser.isSet(QStringLiteral("repair")) ? CliContext::Access::Write : CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    Verifier verifier(**db);
    QJsonObject json;
    QList<QStringList> rows;
    if (parser.isSet(QStringLiteral("repair"))) {
        const auto repaired = verifier.repair();
        if (!repaired)
            return out.fail(repaired.error());
        json.insert(QStringLiteral("repaired"), toJson(repaired->fixed));
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
        if (timer.elapsed() > QuietMs)
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
    const bool ok = report->ok() && (!anchorCheck || anchorCheck->ok());

    json.insert(QStringLiteral("eventsChecked"), report->eventsChecked);
    json.insert(QStringLiteral("chainIntact"), !report->brokenSeq.has_value());
    json.insert(QStringLiteral("brokenEvent"), report->brokenSeq ? QJsonValue(*report->brokenSeq) : QJsonValue());
    json.insert(QStringLiteral("brokenReason"), report->brokenSeq ? QJsonValue(report->brokenReason) : QJsonValue());
    json.insert(QStringLiteral("drift"), toJson(report->drift));
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
        for (const Drift &drift : std::as_const(report->drift))
            rows << QStringList{QString(),
                                tr("user %1: cached %2, sum %3")
                                    .arg(drift.userId, QString::number(drift.cached), QString::number(drift.sum))};
        out.write(CliFormat::table(rows, {false, false}));
    }
    return ok ? ExitCode::Ok : ExitCode::Problems;
}
