// Not a test: the Controls Report window on demo data with a desk's month in it (held changes,
// one approved by a second person, a close and a reopen), for looking at; in another language
// with LANG=de_DE.UTF-8.
//   controls_screenshot OUT.png [WIDTH HEIGHT]
#include "tests/support/TestBackend.h"

#include "core/approval/ApprovalQueue.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitRules.h"
#include "core/periods/Periods.h"
#include "core/reasons/ReasonCodes.h"
#include "core/session/LedgerSession.h"
#include "translations/Translations.h"
#include "ui/controls/ControlsWindow.h"

#include <QApplication>
#include <QTest>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    static_cast<void>(Translations::install(QString())); // the system's language, as xpadmin does
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: controls_screenshot OUT.png [WIDTH HEIGHT]\n");
        return 2;
    }
    const int width = args.value(2, QStringLiteral("1600")).toInt();
    const int height = args.value(3, QStringLiteral("1000")).toInt();
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    auto db = spec ? TestBackend::openInitialized(*spec, &why) : nullptr;
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    if (auto demo = DemoGenerator(*db).generate({60, 3000, 30, 7}); !demo) {
        std::fprintf(stderr, "%s\n", qPrintable(demo.error().message));
        return 1;
    }
    static_cast<void>(ApprovalGate(*db).setThreshold(std::nullopt));
    QStringList users;
    for (auto rows = db->run(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"email\" LIMIT 3"));
         rows && rows->next();)
        users << rows->text(0);
    auto dana = Database::open(*spec, QStringLiteral("Dana"));
    auto sam = Database::open(*spec, QStringLiteral("Sam"));
    if (!dana || !sam || users.size() < 3) {
        std::fprintf(stderr, "could not open the desks\n");
        return 1;
    }
    const QString danaPerson = (*dana)->dialect().isPostgres() ? (*dana)->actor() : QStringLiteral("Dana");
    static_cast<void>(LimitRules(*db).set(LimitRules::Scope::Person, danaPerson,
                                          {std::optional<qint64>(500), std::optional<qint64>(2000)}));
    ReasonCodes codes(*db);
    static_cast<void>(codes.add(QStringLiteral("CONTEST"), QStringLiteral("Contest prize"), false));
    static_cast<void>(codes.add(QStringLiteral("DUPLICATE"), QStringLiteral("Duplicate award reversed"), false));
    static_cast<void>(codes.add(QStringLiteral("GOODWILL"), QStringLiteral("Goodwill"), false));
    static_cast<void>(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));
    Ledger ledger(**dana);
    static_cast<void>(ledger.adjust(users.at(0), 300, QStringLiteral("Contest week 1"), Category::Manual,
                                    {QStringLiteral("CONTEST"), QStringLiteral("4810")}));
    static_cast<void>(ledger.adjust(users.at(1), -200, QStringLiteral("Awarded twice by the streak job"),
                                    Category::Manual, {QStringLiteral("DUPLICATE"), QStringLiteral("4811")}));
    static_cast<void>(ledger.adjust(users.at(2), 150, QStringLiteral("Apology for the outage"), Category::Manual,
                                    {QStringLiteral("GOODWILL"), QString()}));
    auto prize = ledger.adjust(users.at(0), 1500, QStringLiteral("Contest prize, final"), Category::Manual,
                               {QStringLiteral("CONTEST"), QStringLiteral("4821")});
    auto goodwill = ledger.adjust(users.at(2), 900, QStringLiteral("Goodwill after an outage"), Category::Manual,
                                  {QStringLiteral("GOODWILL"), QString()});
    // Required from now on: the goodwill given before is reported without its ticket.
    static_cast<void>(codes.change(QStringLiteral("GOODWILL"), std::nullopt, true));
    if (prize && !prize->pendingId.isEmpty())
        static_cast<void>(ApprovalQueue(**sam).approve(prize->pendingId, QStringLiteral("Saw the contest results")));
    if (goodwill && !goodwill->pendingId.isEmpty())
        static_cast<void>(ApprovalQueue(**sam).reject(goodwill->pendingId, QStringLiteral("No ticket")));
    const QDate today = QDate::currentDate();
    static_cast<void>(Periods(*db).close(today.addDays(-1), QStringLiteral("November books")));
    static_cast<void>(Periods(*db).reopen(today.addDays(-3), QStringLiteral("Ticket #4830: contest scored twice")));

    LedgerSession session(*spec, QStringLiteral("Sam"));
    bool opened = false;
    session.open(&app, [&](const Status &s) { opened = bool(s); });
    if (!QTest::qWaitFor([&] { return opened; }, 30000)) {
        std::fprintf(stderr, "the database did not open\n");
        return 1;
    }
    QWidget parent;
    ControlsWindow *window = ControlsWindow::open(&session, &parent);
    window->resize(width, height);
    if (!QTest::qWaitFor([window] { return window->report().has_value() && !window->isLoading(); }, 30000)) {
        std::fprintf(stderr, "the report did not load\n");
        return 1;
    }
    QTest::qWait(300);
    const bool ok = window->grab().save(args.at(1));
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(args.at(1)));
    delete window;
    dana->reset();
    sam->reset();
    db.reset();
    TestBackend::dropDatabase(*spec);
    return ok ? 0 : 1;
}
