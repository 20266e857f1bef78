// Writes pictures of the users pane and the history view on demo data, to look at them:
//   history_screenshot OUT_DIR
// (run under a virtual display, or with QT_QPA_PLATFORM=offscreen).
#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"
#include "models/UsersModel.h"
#include "ui/history/HistoryView.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSplitter>
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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec) {
        qCritical("%s", qPrintable(why));
        return 1;
    }
    {
        auto db = TestBackend::openInitialized(*spec, &why);
        if (!db) {
            qCritical("%s", qPrintable(why));
            return 1;
        }
        auto summary = DemoGenerator(*db).generate({300, 30000, 90, 42});
        if (!summary) {
            qCritical("%s", qPrintable(summary.error().message));
            return 1;
        }
        // One drifted total, to see the mark.
        auto drifted = db->run(QStringLiteral(
            "UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 15 WHERE \"userId\" = (SELECT \"userId\" FROM "
            "\"UserProfile\" ORDER BY \"totalXP\" DESC LIMIT 1 OFFSET 3)"));
        if (!drifted)
            qWarning("%s", qPrintable(drifted.error().message));
    }
    LedgerSession session(*spec, QStringLiteral("screenshot"));
    bool opened = false;
    session.open(&app, [&](const Status &) { opened = true; });
    waitUntil([&] { return opened; });

    QSplitter window;
    window.setWindowTitle(QStringLiteral("XP Admin"));
    auto *users = new UsersPane(&session, &window);
    auto *history = new HistoryView(&session, &window);
    window.addWidget(users);
    window.addWidget(history);
    window.setStretchFactor(0, 2);
    window.setStretchFactor(1, 5);
    window.resize(1600, 760);
    window.setSizes({520, 1080});
    QObject::connect(users, &UsersPane::currentUserChanged, history, &HistoryView::setUser);
    window.show();
    waitUntil([&] { return users->model()->rowCount() > 0 && history->model()->totalCount() >= 0; });
    QTest::qWait(200);
    window.grab().save(QDir(outDir).filePath(QStringLiteral("everyone.png")));

    users->selectUser(users->model()->user(1).id);
    waitUntil([&] { return !history->model()->isLoading() && history->model()->totalCount() >= 0; });
    history->tableView()->selectRow(2);
    QTest::qWait(200);
    window.grab().save(QDir(outDir).filePath(QStringLiteral("one-user.png")));
    users->grab().save(QDir(outDir).filePath(QStringLiteral("users-pane.png")));
    history->grab().save(QDir(outDir).filePath(QStringLiteral("history-view.png")));

    // Everyone's, filtered: a custom range, one category, a text.
    users->selectUser(QString());
    history->findChild<QComboBox *>(QStringLiteral("periodFilter"))->setCurrentIndex(6);
    history->findChild<QComboBox *>(QStringLiteral("categoryFilter"))->setCurrentIndex(3);
    history->findChild<QLineEdit *>(QStringLiteral("textFilter"))->setText(QStringLiteral("night"));
    QTest::qWait(400);
    waitUntil([&] { return !history->model()->isLoading() && history->model()->totalCount() >= 0; });
    history->tableView()->selectRow(0);
    history->tableView()->selectionModel()->select(history->model()->index(3, 0),
                                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTest::qWait(200);
    history->grab().save(QDir(outDir).filePath(QStringLiteral("history-filtered.png")));
    return 0;
}
