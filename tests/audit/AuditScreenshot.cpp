// Not a test: draws the audit log view on demo data plus a few operations, for looking at.
//   audit_screenshot OUT.png [WIDTH HEIGHT [broken|captured]]
// captured (PostgreSQL): with capture installed, a row inserted and a total set from a console.
#include "tests/support/TestBackend.h"

#include "core/capture/CaptureInstaller.h"
#include "core/capture/CaptureSealer.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/VerifyResultPanel.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTest>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: audit_screenshot OUT.png [WIDTH HEIGHT [broken]]\n");
        return 2;
    }
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    auto db = spec ? TestBackend::openInitialized(*spec, &why) : nullptr;
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    if (auto demo = DemoGenerator(*db).generate({200, 20000, 90, 42}); !demo) {
        std::fprintf(stderr, "%s\n", qPrintable(demo.error().message));
        return 1;
    }
    QStringList users;
    for (auto rows = db->run(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"email\" LIMIT 4"));
         rows && rows->next();)
        users << rows->text(0);
    QStringList recent;
    for (auto rows = db->run(QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE \"userId\" = :u ORDER BY "
                                            "\"createdAt\" DESC LIMIT 3"),
                             {{QStringLiteral(":u"), users.at(1)}});
         rows && rows->next();)
        recent << rows->text(0);
    {
        Ledger ledger(*db);
        (void)ledger.award({users.at(0), 25, SourceType::SpecialAchievement, QStringLiteral("achv_streak_30"),
                            QStringLiteral("30-day streak"), Category::Achievement});
        (void)ledger.adjust(users.at(0), 150, QStringLiteral("Ticket #4821: lost XP after app crash"));
        (void)ledger.rollback(recent, QStringLiteral("Ticket #4830: duplicate attempts counted twice"));
        (void)ledger.restore(recent.mid(0, 1), QStringLiteral("Attempt was genuine"));
    }
    {
        auto alice = Database::open(*spec, QStringLiteral("alice"));
        if (alice) {
            Ledger ledger(**alice);
            (void)ledger.adjust(users.at(2), -40, QStringLiteral("Refund of a purchased hint"));
            (void)ledger.adjust(users.at(3), 500, QStringLiteral("=HYPERLINK(\"http://example.com\",\"bonus\")"));
        }
    }
    const bool captured = args.size() > 4 && args.at(4) == QLatin1String("captured");
    if (captured) {
        if (const Status s = CaptureInstaller(*db).install(); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
        // A console session, outside XP Admin's transactions: captured with its application_name.
        ConnectionSpec console = *spec;
        console.setOption(QStringLiteral("application_name"), QStringLiteral("psql"));
        if (auto outside = Database::open(console, QStringLiteral("console"))) {
            (void)(*outside)->run(
                QStringLiteral(
                    "INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                    "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES ('cconsole1', :u, 75, "
                    "'SPECIAL_ACHIEVEMENT', 'hackathon-2026', 'Hackathon winner', 'ACHIEVEMENT', now() AT TIME "
                    "ZONE 'UTC', now() AT TIME ZONE 'UTC')"),
                {{QStringLiteral(":u"), users.at(1)}});
            (void)(*outside)->run(
                QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 99999 WHERE \"userId\" = :u"),
                {{QStringLiteral(":u"), users.at(3)}});
        }
    }
    // A drifted total for Verify to find.
    (void)db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 7 WHERE \"userId\" = :u"),
                  {{QStringLiteral(":u"), users.at(2)}});

    if (captured)
        (void)CaptureSealer(*db).seal(); // as XP Admin's next write or xpadmin-cli verify would

    if (args.size() > 4 && args.at(4) == QLatin1String("broken"))
        (void)db->run(QStringLiteral("UPDATE %1 SET reason = 'x' WHERE seq = 3")
                          .arg(db->dialect().ownTable(QStringLiteral("audit_event"))));

    LedgerSession session(*spec, QStringLiteral("tester"));
    bool opened = false;
    session.open(&app, [&opened](const Status &) { opened = true; });
    if (!QTest::qWaitFor([&] { return opened; }))
        return 1;
    AuditLogView view(&session);
    view.resize(args.size() > 3 ? args.at(2).toInt() : 1280, args.size() > 3 ? args.at(3).toInt() : 760);
    view.show();
    if (!QTest::qWaitFor([&] { return view.model()->rowCount() > 0 && !view.model()->isLoading(); }))
        return 1;
    view.verify();
    if (!QTest::qWaitFor([&] { return !view.isVerifying(); }, 20000))
        return 1;
    const int row = captured ? 0 : view.model()->rowCount() > 3 ? 3 : 0;
    view.table()->selectionModel()->setCurrentIndex(view.model()->index(row, 0),
                                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTest::qWait(300);
    const bool saved = view.grab().save(args.at(1));
    std::fprintf(stderr, "%s %s\n", saved ? "wrote" : "could not write", qPrintable(args.at(1)));
    return saved ? 0 : 1;
}
