// Not a test: the help window, the shortcuts dialog, the About box and the main window's
// toolbar as PNGs, to look at in each language and size.
//   help_screenshots [--lang en|de|fr] DATABASE OUT_DIR   (QT_QPA_PLATFORM=offscreen works)
#include "translations/Translations.h"
#include "ui/help/AboutDialog.h"
#include "ui/help/HelpWindow.h"
#include "ui/help/ShortcutsDialog.h"
#include "ui/main/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(400); // let pending paints and async pages land
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-screenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("help-screenshots"));
    QStringList arguments = QCoreApplication::arguments();
    const QString language = Translations::languageOption(arguments, true);
    if (arguments.size() != 3 || !Translations::install(language.isEmpty() ? QStringLiteral("en") : language)) {
        std::fprintf(stderr, "usage: help_screenshots [--lang en|de|fr] DATABASE OUT_DIR\n");
        return 2;
    }
    const auto spec = ConnectionSpec::parse(arguments.at(1));
    const QDir out(arguments.at(2));
    const QString prefix = out.filePath(language.isEmpty() ? QStringLiteral("en") : language) + QLatin1Char('-');
    if (!spec)
        return 2;

    MainWindow window(QStringLiteral("screenshots"));
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.resize(1280, 800);
    window.show();
    window.openDatabase(*spec);
    if (!opened.wait(30000) || !opened.first().first().toBool())
        return 3;
    bool ok = save(&window, prefix + QStringLiteral("main.png"));

    HelpWindow help(&window);
    help.resize(1000, 700);
    help.showPage(QStringLiteral("history"));
    ok = save(&help, prefix + QStringLiteral("help.png")) && ok;
    help.showPage(QStringLiteral("audit"), QStringLiteral("verify"));
    ok = save(&help, prefix + QStringLiteral("help-audit.png")) && ok;

    ShortcutsDialog shortcuts(&window, &window);
    shortcuts.show();
    ok = save(&shortcuts, prefix + QStringLiteral("shortcuts.png")) && ok;

    AboutDialog about(QStringLiteral("SQLite 3.40.1, ") + spec->displayName(), &window);
    about.show();
    ok = save(&about, prefix + QStringLiteral("about.png")) && ok;
    return ok ? 0 : 1;
}
