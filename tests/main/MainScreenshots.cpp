// Not a test: writes the README's screenshots of the real window on a demo database.
//   main_screenshots DATABASE OUT_DIR   (run on a display, e.g. under xvfb-run)
#include "actions/LedgerActions.h"
#include "audit/AuditLogView.h"
#include "auditlog/AuditModel.h"
#include "demo/DemoGenerator.h"
#include "history/HistoryModel.h"
#include "history/HistoryView.h"
#include "main/MainWindow.h"
#include "session/LedgerSession.h"
#include "users/UsersModel.h"
#include "users/UsersPane.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(400); // let pending paints and async pages land
    const bool ok = widget->window()->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("xpadmin-screenshots"));
    if (argc != 3) {
        std::fprintf(stderr, "usage: main_screenshots DATABASE OUT_DIR\n");
        return 2;
    }
    const auto spec = ConnectionSpec::parse(QString::fromLocal8Bit(argv[1]));
    const QDir out(QString::fromLocal8Bit(argv[2]));
    if (!spec)
        return 2;

    MainWindow window(QStringLiteral("Dana (support)"));
    window.resize(1440, 860);
    window.show();
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.openDatabase(*spec, true);
    if (!opened.wait(60000) || !opened.first().first().toBool())
        return 1;
    if (!QTest::qWaitFor([&] { return window.usersPane()->model()->rowCount() > 10; }, 60000))
        return 1;
    // The second user of the leaderboard, with some history.
    QTableView *users = window.usersPane()->tableView();
    users->selectRow(1);
    static_cast<void>(QTest::qWaitFor([&] { return window.historyView()->model()->rowCount() > 20; }, 20000));
    window.historyView()->findChild<QTableView *>()->selectRow(2);
    save(&window, out.filePath(QStringLiteral("main-window.png")));

    window.actions()->adjust(window.usersPane()->currentUserId());
    static_cast<void>(QTest::qWaitFor([&] { return window.actions()->lastDialog() != nullptr; }, 5000));
    QDialog *dialog = window.actions()->lastDialog();
    QTest::qWait(800); // the current total arrives from the worker
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("250"));
    if (auto *reason = dialog->findChild<QPlainTextEdit *>())
        QTest::keyClicks(reason, QStringLiteral("Weekly challenge prize, ticket #4411"));
    QTest::qWait(300);
    dialog->grab().save(out.filePath(QStringLiteral("adjust-dialog.png")));
    std::printf("wrote %s\n", qPrintable(out.filePath(QStringLiteral("adjust-dialog.png"))));
    dialog->reject();

    // A few changes, so the audit log shows what a day of support work leaves there.
    const QString userId = window.usersPane()->currentUserId();
    const QList<XpTransaction> rows{window.historyView()->model()->transaction(3),
                                    window.historyView()->model()->transaction(4)};
    int done = 0;
    const auto count = [&done](const Result<LedgerChange> &) { ++done; };
    window.session()->mutate(
        &window,
        [userId](Ledger &l) { return l.adjust(userId, 250, QStringLiteral("Weekly challenge prize, ticket #4411")); },
        count);
    window.session()->mutate(
        &window,
        [rows](Ledger &l) {
            return l.rollback({rows[0].id, rows[1].id}, QStringLiteral("Duplicate award"));
        },
        count);
    window.session()->mutate(
        &window, [rows](Ledger &l) { return l.restore({rows[1].id}, QStringLiteral("Not a duplicate after all")); },
        count);
    static_cast<void>(QTest::qWaitFor([&] { return done == 3; }, 20000));

    window.findChild<QTabWidget *>()->setCurrentWidget(window.auditLogView());
    static_cast<void>(QTest::qWaitFor([&] { return window.auditLogView()->model()->rowCount() > 0; }, 20000));
    window.auditLogView()->table()->selectRow(0);
    save(&window, out.filePath(QStringLiteral("audit-log.png")));
    return 0;
}
