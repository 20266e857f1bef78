// Writes pictures of the window while another desk writes to its ledger, to look at them:
//   live_screenshot OUT_DIR LANG WIDTH HEIGHT
// The history scrolled down with a row selected and the bar of new rows above it, a row struck
// through; the users with a total changed in place and one changed directly in the database;
// the audit log with the new events; the status bar's "Live (file)".
// (run with QT_QPA_PLATFORM=offscreen and a throwaway XDG_CONFIG_HOME).
#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "models/HistoryModel.h"
#include "models/UsersModel.h"
#include "translations/Translations.h"
#include "ui/audit/AuditLogView.h"
#include "ui/history/HistoryLive.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTableView>
#include <QTest>

namespace {

void waitUntil(const std::function<bool()> &done, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
}

// A console UPDATE of a cached total, as capture records it.
void changeTotalDirectly(Database &db, const UserRow &user)
{
    const Status done = db.writeTransaction([&]() -> Status {
        auto updated = db.run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = :t WHERE \"userId\" = :u"),
                              {{QStringLiteral(":t"), user.totalXP + 5000}, {QStringLiteral(":u"), user.id}});
        if (!updated)
            return updated.error();
        AuditEvent event;
        event.action = QStringLiteral("db-total");
        event.operationId = QStringLiteral("txid-90210");
        event.userId = user.id;
        event.amount = user.totalXP + 5000;
        event.reason = QStringLiteral("total changed in the database");
        event.snapshot = QStringLiteral("{\"origin\":\"database\",\"role\":\"webapp\",\"application\":\"psql\","
                                        "\"client\":\"10.0.0.7\",\"txid\":90210,\"totalXP_before\":%1,"
                                        "\"totalXP_after\":%2,\"direct\":true}")
                             .arg(user.totalXP)
                             .arg(user.totalXP + 5000);
        return AuditLog(db).append({event});
    });
    if (!done)
        qWarning("%s", qPrintable(done.error().message));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QDir out(args.value(1, QDir::currentPath()));
    if (!Translations::install(args.value(2, QStringLiteral("en"))))
        qWarning("no such language");
    const QSize size(args.value(3, QStringLiteral("1600")).toInt(), args.value(4, QStringLiteral("1000")).toInt());
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec) {
        qCritical("%s", qPrintable(why));
        return 1;
    }
    auto other = TestBackend::openInitialized(*spec, &why);
    if (!other || !DemoGenerator(*other).generate({200, 20000, 60, 7})) {
        qCritical("no demo data");
        return 1;
    }
    MainWindow window(QStringLiteral("screenshot"));
    bool opened = false;
    QObject::connect(&window, &MainWindow::databaseOpened, &app, [&](bool) { opened = true; });
    window.openDatabase(*spec);
    waitUntil([&] { return opened; });
    window.resize(size);
    window.show();
    HistoryView *history = window.historyView();
    UsersModel *users = window.usersPane()->model();
    waitUntil([&] { return !history->model()->isLoading() && users->rowCount() > 0; });
    QTest::qWait(300);
    const QString suffix = QStringLiteral("-%1-%2x%3.png").arg(args.value(2)).arg(size.width()).arg(size.height());

    // The reader's place: scrolled down, one row selected.
    QTableView *table = history->tableView();
    table->scrollTo(history->model()->index(120, 0), QAbstractItemView::PositionAtTop);
    table->selectRow(126);
    const QString removed = history->model()->transaction(129).id;
    // Another desk: three awards, a rollback of a row shown, a console change of a total.
    Ledger ledger(*other);
    for (int i = 0; i < 3; ++i)
        TestBackend::award(*other, users->user(4 + i).id, 25 * (i + 1), QStringLiteral("live-%1").arg(i));
    if (!ledger.rollback({removed}, QStringLiteral("Awarded twice")))
        qWarning("rollback failed");
    changeTotalDirectly(*other, users->user(2));
    waitUntil([&] { return history->live()->newCount() == 3 && users->user(4).transactions > 0; });
    QTest::qWait(800);
    window.grab().save(out.filePath(QStringLiteral("live-history") + suffix));
    window.usersPane()->grab().save(out.filePath(QStringLiteral("live-users") + suffix));

    window.showView(window.auditLogView());
    QTest::qWait(800);
    window.grab().save(out.filePath(QStringLiteral("live-audit") + suffix));
    return 0;
}
