#include "app/cli/ApprovalCommands.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "core/approval/ApprovalQueue.h"
#include "core/db/Database.h"
#include "core/db/Schema.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"
#include "core/ledger/ApprovalGate.h"
#include "core/limits/LimitCheck.h"
#include "core/limits/LimitText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

// " [FRAUD, ticket ZD-4411]": a request's reason code and ticket after its reason.
QString reasonTagText(const ReasonTag &tag)
{
    QStringList parts;
    if (!tag.code.isEmpty())
        parts << tag.code;
    if (!tag.ticket.isEmpty())
        parts << QCoreApplication::translate("ApprovalCommands", "ticket %1").arg(tag.ticket);
    return parts.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(parts.join(QStringLiteral(", ")));
}

// The one request id given after the subcommand.
Result<QString> requestId(const CommandParser &parser)
{
    const QStringList ids = parser.positional();
    if (ids.isEmpty())
        return parser.usageError(QCoreApplication::translate(
            "ApprovalCommands", "give the request id (xpadmin-cli pending list shows them)"));
    const QString id = ids.constFirst().trimmed();
    if (const Status s = Validation::requiredText(QStringLiteral("ID"), id, Validation::MaxIdLength); !s)
        return s.error();
    return id;
}

QString requester(const PendingAdjustment &request)
{
    return request.requestedOperator == request.requestedBy
        ? request.requestedBy
        : request.requestedOperator + QStringLiteral(" (") + request.requestedBy + QLatin1Char(')');
}

} // namespace

QString ApprovalCommands::usage()
{
    return tr("Usage: xpadmin-cli [global options] pending list [--all]\n"
              "       xpadmin-cli [global options] pending approve ID [--reason TEXT]\n"
              "       xpadmin-cli [global options] pending reject ID --reason TEXT\n"
              "       xpadmin-cli [global options] pending threshold [N|off]\n"
              "\n"
              "An adjustment whose amount (up or down) is above the approval threshold is not applied: it waits "
              "here until another person approves it (it is then applied) or rejects it. Nobody approves their own "
              "request; the requester may reject (withdraw) it. threshold without a value shows it; off applies "
              "every adjustment at once.\n");
}

int ApprovalCommands::run(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("list"))
        return list(arguments.mid(1));
    if (sub == QLatin1String("approve"))
        return approve(arguments.mid(1));
    if (sub == QLatin1String("reject"))
        return reject(arguments.mid(1));
    if (sub == QLatin1String("threshold"))
        return threshold(arguments.mid(1));
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        out.write(usage());
        return ExitCode::Ok;
    }
    if (sub.isEmpty())
        return out.usage(tr("pending: give a subcommand, list, approve, reject or threshold (see xpadmin-cli pending "
                            "--help)"));
    return out.usage(tr("pending: unknown subcommand %1; use list, approve, reject or threshold (see xpadmin-cli "
                        "pending --help)")
                         .arg(Validation::quoted(sub)));
}

int ApprovalCommands::printHeld(Database &db, const LedgerChange &change)
{
    CliOutput &out = m_context.out();
    auto found = ApprovalQueue(db).find(change.pendingId);
    if (!found)
        return out.fail(found.error());
    auto limit = ApprovalGate(db).threshold();
    if (!limit)
        return out.fail(limit.error());
    if (!found->has_value())
        return out.fail(Error::database(tr("The adjustment was held for approval as request %1, but the request "
                                           "cannot be read back")
                                            .arg(change.pendingId)));
    const PendingAdjustment &request = **found;
    auto limits = LimitCheck(db).readConnected();
    if (!limits)
        return out.fail(limits.error());
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("action"), QStringLiteral("adjust-request")},
                                  {QStringLiteral("pending"), true},
                                  {QStringLiteral("heldFor"), HoldReasons::key(request.heldFor)},
                                  {QStringLiteral("threshold"), ApprovalGate::thresholdText(*limit)},
                                  {QStringLiteral("limits"), limits->toJson()},
                                  {QStringLiteral("request"), request.toJson()}});
        return ExitCode::Ok;
    }
    if (request.heldFor == HoldReason::Threshold) {
        out.print(tr("Pending approval, id %1: the adjustment of %2 XP for user %3 is above the approval threshold "
                     "of %4 XP, so it was not applied.")
                      .arg(request.id, CliFormat::signedAmount(request.amount), request.userId,
                           ApprovalGate::thresholdText(*limit)));
    } else {
        // The request counts toward the day already: the words are of the day before it.
        PersonLimits before = *limits;
        before.movedToday -= qAbs(request.amount);
        out.print(tr("Pending approval, id %1: the adjustment of %2 XP for user %3 was not applied, because %4.")
                      .arg(request.id, CliFormat::signedAmount(request.amount), request.userId,
                           LimitText::heldBecause(request.heldFor, request.amount, before, *limit)));
    }
    out.print(tr("Another admin applies it with: xpadmin-cli pending approve %1").arg(request.id));
    return ExitCode::Ok;
}

int ApprovalCommands::list(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("pending list"), QStringLiteral("[--all]"),
                         tr("Lists the adjustments waiting for approval, oldest first."));
    parser.addOption(QStringLiteral("all"), QString(), tr("Also list the approved and rejected requests."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    auto db = m_context.open(CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    auto state = Schema::inspect(**db);
    if (!state)
        return out.fail(state.error());
    QList<PendingAdjustment> requests;
    if (state->version >= 4) { // older databases have no requests until `init` adds the table
        auto found = ApprovalQueue(**db).list(parser.isSet(QStringLiteral("all")) ? ApprovalQueue::Which::All
                                                                                  : ApprovalQueue::Which::Pending);
        if (!found)
            return out.fail(found.error());
        requests = *found;
    }
    if (out.json()) {
        QJsonArray array;
        for (const PendingAdjustment &request : std::as_const(requests))
            array.append(request.toJson());
        out.printJson(array);
        return ExitCode::Ok;
    }
    if (requests.isEmpty()) {
        out.print(tr("No adjustments are waiting for approval."));
        return ExitCode::Ok;
    }
    QList<QStringList> rows{{tr("ID"), tr("REQUESTED (UTC)"), tr("USER"), tr("AMOUNT"), tr("STATE"), tr("HELD FOR"),
                             tr("REQUESTED BY"), tr("REASON")}};
    for (const PendingAdjustment &request : std::as_const(requests))
        rows << QStringList{request.id,
                            Timestamp::toIso(request.requestedAt),
                            request.userId,
                            CliFormat::signedAmount(request.amount),
                            PendingAdjustment::stateName(request.state),
                            HoldReasons::key(request.heldFor),
                            requester(request),
                            CliOutput::oneLine(request.reason) + reasonTagText(request.reasonTag)};
    out.write(CliFormat::table(rows, {false, false, false, true, false, false, false, false}));
    return ExitCode::Ok;
}

int ApprovalCommands::approve(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("pending approve"), QStringLiteral("ID [--reason TEXT]"),
                         tr("Approves an adjustment held for approval: applies it (a transaction, the user's total "
                            "recalculated) and records the decision. Nobody approves their own request."));
    parser.addReasonOption(CommandParser::Need::Optional);
    parser.setMaxPositional(1);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto id = requestId(parser);
    if (!id)
        return out.fail(id.error());
    const auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    auto approval = ApprovalQueue(**db).approve(*id, *reason);
    if (!approval)
        return out.fail(approval.error());
    if (out.json()) {
        QJsonObject object = CliFormat::changeJson(QStringLiteral("adjust-approve"), approval->change);
        object.insert(QStringLiteral("request"), approval->request.toJson());
        out.printJson(object);
    } else {
        out.write(CliFormat::changeText(
            tr("Approved request %1 (requested by %2) and applied it:").arg(*id, requester(approval->request)),
            approval->change));
    }
    return ExitCode::Ok;
}

int ApprovalCommands::reject(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("pending reject"), QStringLiteral("ID --reason TEXT"),
                         tr("Rejects an adjustment held for approval: records the decision; no XP changes."));
    parser.addReasonOption();
    parser.setMaxPositional(1);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const auto id = requestId(parser);
    if (!id)
        return out.fail(id.error());
    const auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    auto rejected = ApprovalQueue(**db).reject(*id, *reason);
    if (!rejected)
        return out.fail(rejected.error());
    if (out.json()) {
        out.printJson(QJsonObject{{QStringLiteral("action"), QStringLiteral("adjust-reject")},
                                  {QStringLiteral("request"), rejected->toJson()}});
    } else {
        out.print(tr("Rejected request %1: %2 XP for user %3 was not applied.")
                      .arg(rejected->id, CliFormat::signedAmount(rejected->amount), rejected->userId));
    }
    return ExitCode::Ok;
}

int ApprovalCommands::threshold(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("pending threshold"), QStringLiteral("[N|off]"),
                         tr("Shows the approval threshold, or sets it: an adjustment whose amount, up or down, is "
                            "above N XP waits for another person's approval. off: every adjustment is applied at "
                            "once. Default %1.")
                             .arg(ApprovalGate::DefaultThreshold));
    parser.setMaxPositional(1);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    std::optional<std::optional<qint64>> wanted;
    if (!parser.positional().isEmpty()) {
        auto parsed = ApprovalGate::parseThreshold(parser.positional().constFirst());
        if (!parsed)
            return out.fail(parsed.error());
        wanted = *parsed;
    }
    auto db = m_context.open(wanted ? CliContext::Access::Write : CliContext::Access::Read);
    if (!db)
        return out.fail(db.error());
    ApprovalGate gate(**db);
    if (wanted) {
        if (const Status s = gate.setThreshold(*wanted); !s)
            return out.fail(s.error());
    }
    auto current = gate.threshold();
    if (!current)
        return out.fail(current.error());
    if (out.json())
        out.printJson(QJsonObject{{QStringLiteral("threshold"), ApprovalGate::thresholdText(*current)}});
    else if (*current)
        out.print(tr("Approval threshold: %1 XP (adjustments above it, up or down, wait for another person's "
                     "approval)")
                      .arg(**current));
    else
        out.print(tr("Approval threshold: off (every adjustment is applied at once)"));
    return ExitCode::Ok;
}
