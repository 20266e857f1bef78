// Not a test: writes the README's screenshots of the real window on a demo database.
//   main_screenshots DATABASE OUT_DIR   (run on a display, e.g. under xvfb-run)
#include "core/import/DemoGenerator.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/HistoryModel.h"
#include "models/UsersModel.h"
#include "ui/actions/LedgerActions.h"
#include "ui/audit/AuditLogView.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartsView.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

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

// A dark desktop, as Fusion draws one.
QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3b));
    dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Mid, QColor(0x45, 0x47, 0x4b));
    dark.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    dark.setColor(QPalette::Light, QColor(0x50, 0x52, 0x56));
    return dark;
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

    // The charts of everyone over the last 90 days, in a light and a dark palette.
    window.usersPane()->selectUser(QString());
    ChartsView *charts = window.chartsView();
    charts->rangeBar()->setPreset(ChartRangeBar::Preset::Last90Days);
    window.findChild<QTabWidget *>()->setCurrentWidget(charts);
    const auto chartsReady
        = [charts] { return QTest::qWaitFor([charts] { return charts->hasData() && !charts->isLoading(); }, 60000); };
    if (!chartsReady())
        return 1;
    save(&window, out.filePath(QStringLiteral("charts.png")));
    QApplication::setPalette(darkPalette());
    QTest::qWait(300);
    save(&window, out.filePath(QStringLiteral("charts-dark.png")));
    return 0;
}
