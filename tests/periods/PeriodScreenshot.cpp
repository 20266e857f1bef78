// Not a test: Ledger > Close Period… and Reopen Period… on demo data, for looking at.
//   period_screenshot OUT_PREFIX [WIDTH HEIGHT]
// writes OUT_PREFIX-close.png, OUT_PREFIX-closed.png (the window after the close) and
// OUT_PREFIX-reopen.png.
#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "translations/Translations.h"
#include "ui/main/MainWindow.h"
#include "ui/periods/PeriodActions.h"
#include "ui/periods/PeriodDialog.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(200);
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

PeriodDialog *openDialog(MainWindow &window, QAction *action)
{
    action->trigger();
    PeriodDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = window.findChild<PeriodDialog *>()) != nullptr; }, 5000))
        return nullptr;
    QSignalSpy loaded(dialog, &PeriodDialog::loaded);
    if (!loaded.wait(20000))
        std::fprintf(stderr, "the dialog did not load\n");
    return dialog;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    static_cast<void>(Translations::install(QString()));
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: period_screenshot OUT_PREFIX [WIDTH HEIGHT]\n");
        return 2;
    }
    const QString prefix = args.at(1);
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    auto db = spec ? TestBackend::openInitialized(*spec, &why) : nullptr;
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    if (auto demo = DemoGenerator(*db).generate({60, 3000, 40, 7}); !demo) {
        std::fprintf(stderr, "%s\n", qPrintable(demo.error().message));
        return 1;
    }
    MainWindow window(QStringLiteral("Sam"));
    window.resize(args.value(2, QStringLiteral("1600")).toInt(), args.value(3, QStringLiteral("1000")).toInt());
    window.show();
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.openDatabase(*spec);
    if (!opened.wait(30000)) {
        std::fprintf(stderr, "the database did not open\n");
        return 1;
    }
    QTest::qWait(1500);
    bool ok = true;
    PeriodDialog *close = openDialog(window, window.periods()->closeAction());
    if (!close)
        return 1;
    QTest::keyClicks(close->reasonEdit(), QStringLiteral("November books handed to the auditor"));
    ok = save(close, prefix + QStringLiteral("-close.png")) && ok;
    QSignalSpy changed(close, &PeriodDialog::changed);
    QTest::mouseClick(close->confirmButton(), Qt::LeftButton);
    changed.wait(20000);
    QTest::qWait(500);
    ok = save(&window, prefix + QStringLiteral("-closed.png")) && ok;
    PeriodDialog *reopen = openDialog(window, window.periods()->reopenAction());
    if (!reopen)
        return 1;
    QTest::keyClicks(reopen->reasonEdit(), QStringLiteral("Ticket 812: contest scored twice"));
    ok = save(reopen, prefix + QStringLiteral("-reopen.png")) && ok;
    reopen->reject();
    window.close();
    db.reset();
    TestBackend::dropDatabase(*spec);
    return ok ? 0 : 1;
}
