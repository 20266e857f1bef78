// Writes pictures of the window showing a past moment, and of What Changed, to look at them:
//   as_of_screenshot OUT_DIR LANG WIDTH HEIGHT
// (run with QT_QPA_PLATFORM=offscreen and a throwaway XDG_CONFIG_HOME).
#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "models/HistoryModel.h"
#include "models/LedgerMoment.h"
#include "models/UsersModel.h"
#include "translations/Translations.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/AsOfButton.h"
#include "ui/common/AsOfPopup.h"
#include "ui/diff/WhatChangedDialog.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

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
    const QStringList args = app.arguments();
    const QDir out(args.value(1, QDir::currentPath()));
    if (!Translations::install(args.value(2, QStringLiteral("en"))))
        qWarning("no such language");
    const QSize size(args.value(3, QStringLiteral("1280")).toInt(), args.value(4, QStringLiteral("800")).toInt());
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    if (!spec) {
        qCritical("%s", qPrintable(why));
        return 1;
    }
    QDateTime moment;
    {
        auto db = TestBackend::openInitialized(*spec, &why);
        if (!db || !DemoGenerator(*db).generate({60, 3000, 60, 7})) {
            qCritical("no demo data");
            return 1;
        }
        Ledger ledger(*db);
        const QString top = TestBackend::scalar(*db,
                                                QStringLiteral("SELECT \"userId\" FROM \"UserProfile\" ORDER BY "
                                                               "\"totalXP\" DESC LIMIT 1"))
                                .toString();
        if (!ledger.adjust(top, 250, QStringLiteral("Tournament prize")))
            qWarning("adjust failed");
        QThread::msleep(1100);
        moment = QDateTime::currentDateTimeUtc();
        QThread::msleep(1100);
        const QString row = TestBackend::scalar(*db,
                                                QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE \"userId\" = "
                                                               ":u ORDER BY \"createdAt\" DESC LIMIT 1"),
                                                {{QStringLiteral(":u"), top}})
                                .toString();
        if (!ledger.rollback({row}, QStringLiteral("Awarded twice"))
            || !ledger.adjust(top, -40, QStringLiteral("Late correction")))
            qWarning("rollback or adjust failed");
    }
    MainWindow window(QStringLiteral("screenshot"));
    bool opened = false;
    QObject::connect(&window, &MainWindow::databaseOpened, &app, [&](bool) { opened = true; });
    window.openDatabase(*spec);
    waitUntil([&] { return opened; });
    window.resize(size);
    window.show();
    QTest::qWait(300);
    const QString suffix = QStringLiteral("-%1-%2x%3.png").arg(args.value(2)).arg(size.width()).arg(size.height());
    LedgerMoment *shared = LedgerMoment::of(window.session());
    shared->setMoment(moment);
    waitUntil([&] { return !window.historyView()->model()->isLoading() && !window.usersPane()->model()->isLoading(); });
    QTest::qWait(600);
    window.grab().save(out.filePath(QStringLiteral("history") + suffix));
    window.showView(window.chartsView());
    QTest::qWait(2500);
    window.grab().save(out.filePath(QStringLiteral("charts") + suffix));
    window.showView(window.historyView());
    shared->setMoment(moment.addDays(-40));
    QTest::qWait(1500);
    window.grab().save(out.filePath(QStringLiteral("before-log") + suffix));
    AsOfButton *button = window.historyView()->findChild<AsOfButton *>();
    button->openPopup();
    QTest::qWait(200);
    button->popup()->grab().save(out.filePath(QStringLiteral("popup") + suffix));
    button->popup()->close();

    WhatChangedDialog dialog(window.session(), &window);
    dialog.resize(size * 0.85);
    dialog.setPeriod(moment.addSecs(-5), QDateTime::currentDateTimeUtc());
    dialog.show();
    dialog.compare();
    waitUntil([&] { return !dialog.isRunning(); });
    QTest::qWait(300);
    dialog.grab().save(out.filePath(QStringLiteral("what-changed") + suffix));
    return 0;
}
