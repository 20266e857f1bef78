// Not a test: the window with alerts in its bar and panel, and the Alert Rules dialog, on demo
// data, for looking at (also in another language: run it with LANG=de_DE.UTF-8 after translating).
//   alerts_screenshot OUT_PREFIX [WIDTH HEIGHT]
// writes OUT_PREFIX-bar.png, OUT_PREFIX-panel.png and OUT_PREFIX-rules.png.
#include "tests/support/TestBackend.h"

#include "core/alerts/AlertSettings.h"
#include "core/audit/AuditLog.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "translations/Translations.h"
#include "ui/alerts/AlertCenter.h"
#include "ui/alerts/AlertRulesDialog.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

namespace {

QList<AuditEvent> after(Database &db, qint64 seq)
{
    auto page = AuditLog(db).page(seq, 1000);
    return page ? *page : QList<AuditEvent>();
}

qint64 lastSeq(Database &db)
{
    return TestBackend::scalar(db,
                               QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM %1")
                                   .arg(db.dialect().ownTable(QStringLiteral("audit_event"))))
        .toLongLong();
}

// A console UPDATE of a total, as capture records it.
void directTotal(Database &db, const QString &userId, qint64 before, qint64 total)
{
    AuditEvent event;
    event.action = QStringLiteral("db-total");
    event.operationId = Cuid::generate();
    event.userId = userId;
    event.amount = total;
    event.reason = QStringLiteral("captured");
    event.snapshot = JsonText::compact(QJsonObject{{QStringLiteral("origin"), QStringLiteral("database")},
                                                   {QStringLiteral("direct"), true},
                                                   {QStringLiteral("role"), QStringLiteral("app")},
                                                   {QStringLiteral("application"), QStringLiteral("psql")},
                                                   {QStringLiteral("client"), QStringLiteral("local")},
                                                   {QStringLiteral("totalXP_before"), before},
                                                   {QStringLiteral("totalXP_after"), total}});
    static_cast<void>(db.writeTransaction([&]() -> Status {
        AuditLog log(db);
        auto tail = log.tail();
        if (!tail)
            return tail.error();
        tail->actor = QStringLiteral("app");
        tail->operatorName = QStringLiteral("psql");
        QList<AuditEvent> events{event};
        AuditLog::seal(events, *tail);
        return log.write(events);
    }));
}

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(200);
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    static_cast<void>(Translations::install(QString())); // the system's language, as xpadmin does
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: alerts_screenshot OUT_PREFIX [WIDTH HEIGHT]\n");
        return 2;
    }
    const QString prefix = args.at(1);
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
    static_cast<void>(AlertSettings(*db).setRules(AlertRules{1000, 5, true}));
    QStringList users;
    for (auto rows = db->run(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"email\" LIMIT 3"));
         rows && rows->next();)
        users << rows->text(0);
    const qint64 start = lastSeq(*db);
    {
        auto dana = Database::open(*spec, QStringLiteral("Dana"));
        if (dana) {
            Ledger ledger(**dana);
            static_cast<void>(ledger.adjust(users.at(0), 5000, QStringLiteral("Ticket #4821: contest prize")));
            for (int i = 0; i < 6; ++i)
                static_cast<void>(ledger.adjust(users.at(1), 10 + i, QStringLiteral("Ticket #49%1").arg(i)));
        }
    }
    directTotal(*db, users.at(2), 1240, 99999);
    const QList<AuditEvent> events = after(*db, start);

    MainWindow window(QStringLiteral("Sam"));
    window.resize(width, height);
    window.show();
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.openDatabase(*spec);
    if (!opened.wait(30000)) {
        std::fprintf(stderr, "the database did not open\n");
        return 1;
    }
    QTest::qWait(1500); // the views load
    QSignalSpy checked(window.alerts(), &AlertCenter::checked);
    window.alerts()->addEvents(events);
    if (!checked.wait(20000)) {
        std::fprintf(stderr, "the events were not checked\n");
        return 1;
    }
    bool ok = save(&window, prefix + QStringLiteral("-bar.png"));
    window.alerts()->showAlerts();
    ok = save(&window, prefix + QStringLiteral("-panel.png")) && ok;
    auto *dialog = new AlertRulesDialog(window.session(), QString(), &window);
    dialog->show();
    if (!QTest::qWaitFor([dialog] { return dialog->isLoaded(); }, 20000))
        std::fprintf(stderr, "the rules did not load\n");
    ok = save(dialog, prefix + QStringLiteral("-rules.png")) && ok;
    delete dialog;
    window.close();
    db.reset();
    TestBackend::dropDatabase(*spec);
    return ok ? 0 : 1;
}
