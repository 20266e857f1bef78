#include "app/cli/LedgerCommands.h"

#include "app/cli/ApprovalCommands.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliFormat.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandParser.h"
#include "app/cli/ExitCode.h"
#include "core/db/Database.h"
#include "core/domain/Validation.h"
#include "core/reasons/ReasonCheck.h"
#include "core/users/Users.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

Result<QStringList> transactionIds(const CommandParser &parser)
{
    const QStringList ids = parser.values(QStringLiteral("id"));
    if (ids.isEmpty())
        return parser.usageError(QCoreApplication::translate("LedgerCommands", "--id is required"));
    for (const QString &id : ids) {
        if (const Status s = Validation::requiredText(QStringLiteral("--id"), id, Validation::MaxIdLength); !s)
            return s.error();
    }
    return ids;
}

const QString ReasonCodeOption = QStringLiteral("reason-code");
const QString Ticket = QStringLiteral("ticket");

void addReasonOptions(CommandParser &parser)
{
    parser.addOption(ReasonCodeOption, QStringLiteral("CODE"),
                     QCoreApplication::translate("LedgerCommands",
                                                 "Why, as a reason code (required once the ledger has reason codes; "
                                                 "xpadmin-cli reason-codes list)."));
    parser.addOption(Ticket, QStringLiteral("REF"),
                     QCoreApplication::translate("LedgerCommands",
                                                 "The support ticket: an id (ZD-4411) or a link (required by some "
                                                 "reason codes)."));
}

// The code and ticket as given, their form checked; whether the ledger knows the code is
// checked with the change.
Result<ReasonTag> reasonTag(const CommandParser &parser)
{
    ReasonTag tag;
    if (parser.isSet(ReasonCodeOption)) {
        auto code = ReasonCheck::code(QStringLiteral("--reason-code"), parser.value(ReasonCodeOption));
        if (!code)
            return code.error();
        tag.code = *code;
    }
    auto ticket = ReasonCheck::ticket(QStringLiteral("--ticket"), parser.value(Ticket));
    if (!ticket)
        return ticket.error();
    tag.ticket = *ticket;
    return tag;
}

} // namespace

int LedgerCommands::change(const QString &action, const QString &headline,
                           const std::function<Result<LedgerChange>(Ledger &)> &operation)
{
    CliOutput &out = m_context.out();
    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    Ledger ledger(**db);
    auto result = operation(ledger);
    if (!result)
        return out.fail(result.error());
    if (!result->pendingId.isEmpty())
        return ApprovalCommands(m_context).printHeld(**db, *result);
    if (out.json())
        out.printJson(CliFormat::changeJson(action, *result));
    else
        out.write(CliFormat::changeText(headline.arg(result->operationId), *result));
    return ExitCode::Ok;
}

int LedgerCommands::award(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("award"),
                         QStringLiteral("--user ID --amount N --source-type T --source-id S --category C "
                                        "--description TEXT"),
                         tr("Awards XP to a user: adds one transaction and recalculates the user's total."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("The user's id."));
    parser.addOption(QStringLiteral("amount"), QStringLiteral("N"), tr("XP to add (a whole number, not 0)."));
    parser.addOption(QStringLiteral("source-type"), QStringLiteral("T"),
                     tr("What earned it: %1.").arg(XpEnums::sourceTypeNames().join(QStringLiteral(", "))));
    parser.addOption(QStringLiteral("source-id"), QStringLiteral("S"), tr("The id of what earned it."));
    parser.addOption(QStringLiteral("category"), QStringLiteral("C"),
                     tr("One of %1.").arg(XpEnums::categoryNames().join(QStringLiteral(", "))));
    parser.addOption(QStringLiteral("description"), QStringLiteral("TEXT"), tr("What the XP is for."));
    addReasonOptions(parser);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    AwardRequest request;
    const auto user = parser.text(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return out.fail(user.error());
    const auto amount = parser.amount(QStringLiteral("amount"));
    if (!amount)
        return out.fail(amount.error());
    const auto sourceType = parser.sourceType(QStringLiteral("source-type"));
    if (!sourceType)
        return out.fail(sourceType.error());
    const auto sourceId = parser.text(QStringLiteral("source-id"), Validation::MaxIdLength);
    if (!sourceId)
        return out.fail(sourceId.error());
    const auto category = parser.category(QStringLiteral("category"));
    if (!category)
        return out.fail(category.error());
    const auto description = parser.text(QStringLiteral("description"), Validation::MaxDescriptionLength);
    if (!description)
        return out.fail(description.error());
    request.userId = *user;
    request.amount = *amount;
    request.sourceType = *sourceType;
    request.sourceId = *sourceId;
    request.category = *category;
    request.description = *description;
    const auto tag = reasonTag(parser);
    if (!tag)
        return out.fail(tag.error());
    if (!tag->isEmpty() && request.sourceType != SourceType::ManualAdjustment)
        return out.fail(parser.usageError(tr("--reason-code and --ticket are for manual changes "
                                             "(--source-type MANUAL_ADJUSTMENT)")));
    request.reasonTag = *tag;
    return change(QStringLiteral("award"), tr("Awarded (operation %1):"),
                  [&](Ledger &ledger) { return ledger.award(request); });
}

int LedgerCommands::adjust(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("adjust"),
                         QStringLiteral("--user ID --amount N --reason TEXT [--reason-code CODE] [--ticket REF] "
                                        "[--category C]"),
                         tr("Adjusts a user's XP by hand (MANUAL_ADJUSTMENT): adds or deducts XP, with a reason."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("The user's id."));
    parser.addOption(QStringLiteral("amount"), QStringLiteral("N"),
                     tr("XP to add, or to deduct when negative (a whole number, not 0)."));
    parser.addReasonOption();
    parser.addOption(QStringLiteral("category"), QStringLiteral("C"),
                     tr("One of %1 (default MANUAL).").arg(XpEnums::categoryNames().join(QStringLiteral(", "))));
    addReasonOptions(parser);
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    const auto user = parser.text(QStringLiteral("user"), Validation::MaxIdLength);
    if (!user)
        return out.fail(user.error());
    const auto amount = parser.amount(QStringLiteral("amount"));
    if (!amount)
        return out.fail(amount.error());
    const auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    const auto category = parser.category(QStringLiteral("category"), Category::Manual);
    if (!category)
        return out.fail(category.error());
    const auto tag = reasonTag(parser);
    if (!tag)
        return out.fail(tag.error());
    return change(QStringLiteral("adjust"), tr("Adjusted (operation %1):"),
                  [&](Ledger &ledger) { return ledger.adjust(*user, *amount, *reason, *category, *tag); });
}

int LedgerCommands::rollback(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("rollback"), QStringLiteral("--id XPID [--id XPID ...] --reason TEXT"),
                         tr("Rolls transactions back: deletes them and recalculates their users' totals. The audit "
                            "log keeps each row, so `restore` can put it back."));
    parser.addOption(QStringLiteral("id"), QStringLiteral("XPID"), tr("A transaction id (repeat for several)."));
    parser.addReasonOption();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    const auto ids = transactionIds(parser);
    if (!ids)
        return out.fail(ids.error());
    const auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    return change(QStringLiteral("rollback"), tr("Rolled back (operation %1):"),
                  [&](Ledger &ledger) { return ledger.rollback(*ids, *reason); });
}

int LedgerCommands::deleteSource(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("delete-source"), QStringLiteral("--source-type T --source-id S --reason TEXT"),
                         tr("Deletes every transaction of one source (a deleted problem attempt, say), across "
                            "users, and recalculates their totals."));
    parser.addOption(QStringLiteral("source-type"), QStringLiteral("T"),
                     tr("One of %1.").arg(XpEnums::sourceTypeNames().join(QStringLiteral(", "))));
    parser.addOption(QStringLiteral("source-id"), QStringLiteral("S"), tr("The source's id."));
    parser.addReasonOption();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    const auto sourceType = parser.sourceType(QStringLiteral("source-type"));
    if (!sourceType)
        return out.fail(sourceType.error());
    const auto sourceId = parser.text(QStringLiteral("source-id"), Validation::MaxIdLength);
    if (!sourceId)
        return out.fail(sourceId.error());
    const auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    return change(QStringLiteral("delete-source"), tr("Deleted (operation %1):"),
                  [&](Ledger &ledger) { return ledger.deleteSource(*sourceType, *sourceId, *reason); });
}

int LedgerCommands::restore(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("restore"), QStringLiteral("--id XPID [--id XPID ...] --reason TEXT"),
                         tr("Puts rolled-back transactions back, with their ids, from the audit log."));
    parser.addOption(QStringLiteral("id"), QStringLiteral("XPID"),
                     tr("A rolled-back transaction id (repeat for several)."));
    parser.addReasonOption();
    if (const auto stop = parser.parse(arguments, out))
        return *stop;

    const auto ids = transactionIds(parser);
    if (!ids)
        return out.fail(ids.error());
    const auto reason = parser.reason();
    if (!reason)
        return out.fail(reason.error());
    return change(QStringLiteral("restore"), tr("Restored (operation %1):"),
                  [&](Ledger &ledger) { return ledger.restore(*ids, *reason); });
}

int LedgerCommands::recalc(const QStringList &arguments)
{
    CliOutput &out = m_context.out();
    CommandParser parser(QStringLiteral("recalc"), QStringLiteral("(--user ID | --all)"),
                         tr("Sets cached totals (UserProfile.totalXP) from the sum of the transactions."));
    parser.addOption(QStringLiteral("user"), QStringLiteral("ID"), tr("Recalculate this user."));
    parser.addOption(QStringLiteral("all"), QString(), tr("Recalculate every user."));
    if (const auto stop = parser.parse(arguments, out))
        return *stop;
    const bool all = parser.isSet(QStringLiteral("all"));
    if (all == parser.isSet(QStringLiteral("user")))
        return out.fail(parser.usageError(tr("give either --user ID or --all")));
    QString userId;
    if (!all) {
        const auto user = parser.text(QStringLiteral("user"), Validation::MaxIdLength);
        if (!user)
            return out.fail(user.error());
        userId = *user;
    }

    auto db = m_context.open(CliContext::Access::Write);
    if (!db)
        return out.fail(db.error());
    Ledger ledger(**db);
    if (all)
        return recalcAll(ledger);

    auto before = Users(**db).find(userId);
    if (!before)
        return out.fail(before.error());
    auto total = ledger.recalculate(userId);
    if (!total)
        return out.fail(total.error());
    const qint64 cached = before->has_value() ? (*before)->totalXP : 0;
    QList<Drift> fixed;
    if (cached != *total)
        fixed << Drift{userId, cached, *total};
    if (out.json()) {
        QJsonArray drift;
        for (const Drift &d : std::as_const(fixed))
            drift.append(CliFormat::driftJson(d));
        out.printJson(QJsonObject{{QStringLiteral("users"), 1},
                                  {QStringLiteral("fixed"), drift},
                                  {QStringLiteral("totals"), QJsonObject{{userId, *total}}}});
    } else if (fixed.isEmpty()) {
        out.print(tr("Total XP of user %1 is %2: it already matched the sum of the transactions")
                      .arg(userId, QString::number(*total)));
    } else {
        out.print(tr("Total XP of user %1 is now %2 (it was %3)")
                      .arg(userId, QString::number(*total), QString::number(cached)));
    }
    return ExitCode::Ok;
}

int LedgerCommands::recalcAll(Ledger &ledger)
{
    CliOutput &out = m_context.out();
    auto summary = ledger.recalculateAll();
    if (!summary)
        return out.fail(summary.error());
    if (out.json()) {
        QJsonArray fixed;
        QJsonObject totals;
        for (const Drift &drift : std::as_const(summary->fixed)) {
            fixed.append(CliFormat::driftJson(drift));
            totals.insert(drift.userId, drift.sum);
        }
        out.printJson(QJsonObject{{QStringLiteral("users"), summary->users},
                                  {QStringLiteral("fixed"), fixed},
                                  {QStringLiteral("totals"), totals}});
        return ExitCode::Ok;
    }
    out.print(tr("Users recalculated: %1").arg(summary->users));
    out.print(tr("Totals that differed from the sum and were fixed: %1").arg(summary->fixed.size()));
    for (const Drift &drift : std::as_const(summary->fixed))
        out.print(
            tr("  user %1: %2 -> %3").arg(drift.userId, QString::number(drift.cached), QString::number(drift.sum)));
    return ExitCode::Ok;
}
