// Not a test: the Adjust XP dialog with an amount above a limit, and Ledger > Limits… as an admin
// and read-only, on a small SQLite ledger, for looking at.
//   limits_screenshot OUT_PREFIX
// writes OUT_PREFIX-adjust.png, OUT_PREFIX-limits.png, OUT_PREFIX-limits-readonly.png and
// OUT_PREFIX-pending.png (the Pending Approvals view with the changes the limits held).
#include "tests/support/TestBackend.h"

#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitRules.h"
#include "core/reasons/ReasonCodes.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/PendingModel.h"
#include "translations/Translations.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/limits/LimitsDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(300);
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

void set(Database &db, LimitRules::Scope scope, const QString &subject, std::optional<qint64> perChange,
         std::optional<qint64> perDay)
{
    LimitRules::Change change;
    change.perChange = perChange;
    change.perDay = perDay;
    if (const Status s = LimitRules(db).set(scope, subject, change); !s)
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    static_cast<void>(Translations::install(QString()));
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("limits");
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec)
        return 1;
    auto db = TestBackend::openInitialized(*spec, &why, QStringLiteral("Dana"));
    if (!db)
        return 1;
    static_cast<void>(Users(*db).add(QStringLiteral("cm3u8k2x0001"), QStringLiteral("bob.smith@example.com"),
                                     QStringLiteral("Bob Smith")));
    static_cast<void>(ApprovalGate(*db).setThreshold(std::nullopt));
    set(*db, LimitRules::Scope::Role, QStringLiteral("support"), 2000, 8000);
    set(*db, LimitRules::Scope::Role, QStringLiteral("admin"), 10000, 50000);
    set(*db, LimitRules::Scope::Person, QStringLiteral("Dana"), std::nullopt, 5000);
    set(*db, LimitRules::Scope::Person, QStringLiteral("Priya Raman"), 5000, std::nullopt);
    static_cast<void>(
        Ledger(*db).adjust(QStringLiteral("cm3u8k2x0001"), 1500, QStringLiteral("Ticket 4411: lost streak")));
    ReasonCodes codes(*db);
    static_cast<void>(codes.add(QStringLiteral("CONTEST"), QStringLiteral("Contest prize"), true));
    static_cast<void>(codes.add(QStringLiteral("BUG_COMP"), QStringLiteral("Bug compensation"), false));
    static_cast<void>(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));

    LedgerSession session(*spec, QStringLiteral("Dana"));
    bool opened = false;
    session.open(&session, [&](const Status &) { opened = true; });
    while (!opened)
        QTest::qWait(20);

    auto *adjust = new AdjustDialog(&session, QStringLiteral("cm3u8k2x0001"));
    adjust->show();
    QTest::qWait(500);
    QTest::keyClicks(adjust->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("4000"));
    QTest::keyClicks(adjust->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")),
                     QStringLiteral("Ticket 4412: contest prize"));
    save(adjust, prefix + QStringLiteral("-adjust.png"));
    adjust->close();

    LimitsDialog limits(&session, QString());
    limits.show();
    QTest::qWait(500);
    limits.table()->selectRow(0);
    save(&limits, prefix + QStringLiteral("-limits.png"));
    limits.close();

    LimitsDialog readOnly(&session,
                          QStringLiteral("Your role Support (advisory, chosen in the settings) may not set "
                                         "the adjustment limits"));
    readOnly.show();
    QTest::qWait(500);
    save(&readOnly, prefix + QStringLiteral("-limits-readonly.png"));

    // Two changes the limits hold: one above Dana's limit per day, one above Priya's per change.
    static_cast<void>(Ledger(*db).adjust(QStringLiteral("cm3u8k2x0001"), 4000, QStringLiteral("Contest prize, final"),
                                         Category::Manual, {QStringLiteral("CONTEST"), QStringLiteral("4412")}));
    if (auto priya = Database::open(*spec, QStringLiteral("Priya Raman")))
        static_cast<void>(Ledger(**priya).adjust(QStringLiteral("cm3u8k2x0001"), -6000,
                                                 QStringLiteral("Streak counted twice by the nightly job"),
                                                 Category::Manual, {QStringLiteral("BUG_COMP"), QString()}));
    PendingApprovalsView pending(&session);
    pending.resize(1280, 420);
    pending.show();
    if (!QTest::qWaitFor([&] { return pending.model()->rowCount() == 2; }, 10000))
        std::fprintf(stderr, "the two held changes did not show\n");
    save(&pending, prefix + QStringLiteral("-pending.png"));
    delete adjust;
    return 0;
}
