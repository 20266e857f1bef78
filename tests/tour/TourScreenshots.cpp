// Not a test: the README's screenshots, taken on the tour of the current window in English at
// 1600 x 1000 on demo data (the demo generator's fixed seed).
//   tour_screenshots OUT_DIR   (under QT_QPA_PLATFORM=offscreen; `ninja screenshots` runs it)
// With --lang LANG, --size WIDTHxHEIGHT and --every-stop it photographs every stop of the tour
// in that language and size instead, as STOP.png, and prints what is cut off at each.
#include "tests/support/TestBackend.h"
#include "tests/tour/ClipInspector.h"
#include "tests/tour/WindowTour.h"

#include "core/import/DemoGenerator.h"

#include <QApplication>
#include <QDir>
#include <QHash>
#include <QMainWindow>
#include <QPalette>
#include <QSettings>
#include <QStatusBar>
#include <QTest>
#include <QWidget>

#include <cstdio>

namespace {

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

bool save(QWidget *window, const QString &path)
{
    const bool ok = window->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const auto option = [&arguments](const QString &name, const QString &fallback) {
        const qsizetype at = arguments.indexOf(name);
        return at >= 0 && at + 1 < arguments.size() ? arguments.takeAt(at + 1) : fallback;
    };
    const QString language = option(QStringLiteral("--lang"), QStringLiteral("en"));
    const QStringList sizeText = option(QStringLiteral("--size"), QStringLiteral("1600x1000")).split(QLatin1Char('x'));
    const bool everyStop = arguments.removeAll(QStringLiteral("--every-stop")) > 0;
    arguments.removeAll(QStringLiteral("--lang"));
    arguments.removeAll(QStringLiteral("--size"));
    const QSize size(sizeText.value(0).toInt(), sizeText.value(1).toInt());
    WindowTour::prepareScreen(size);
    WindowTour::quietenPlatform();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("xpadmin-tour"));
    QApplication::setApplicationName(QStringLiteral("xpadmin-screenshots"));
    if (arguments.size() != 1 || size.isEmpty()) {
        std::fprintf(stderr, "usage: tour_screenshots OUT_DIR [--lang LANG] [--size WIDTHxHEIGHT] [--every-stop]\n");
        return 2;
    }
    const QDir out(arguments.first());
    QSettings().clear(); // the window as it first opens
    QString why;
    if (!WindowTour::setLanguage(language, &why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    QTemporaryDir folder;
    const auto spec = ConnectionSpec::parse(folder.filePath(QStringLiteral("demo.sqlite")));
    if (!spec)
        return 1;
    if (auto db = TestBackend::openInitialized(*spec, &why); !db || !DemoGenerator(*db).generate({})) {
        std::fprintf(stderr, "no demo database: %s\n", qPrintable(why));
        return 1;
    }

    // The README's pictures, by the stop that shows them.
    const QHash<QString, QString> pictures{
        {QStringLiteral("main-window"), QStringLiteral("main-window.png")},
        {QStringLiteral("adjust-dialog"), QStringLiteral("adjust-dialog.png")},
        {QStringLiteral("audit-log"), QStringLiteral("audit-log.png")},
        {QStringLiteral("charts"), QStringLiteral("charts.png")},
        {QStringLiteral("import-preview-problems"), QStringLiteral("import-preview-problems.png")},
        {QStringLiteral("import-summary"), QStringLiteral("import-summary.png")},
    };
    bool ok = true;
    WindowTour tour(*spec, size);
    const bool walked = tour.run(
        [&](const QString &stop, QWidget *window) {
            if (everyStop) {
                ok = save(window, out.filePath(stop + QStringLiteral(".png"))) && ok;
                for (const ClippedText &cut : ClipInspector::inspect(window))
                    std::printf("  cut: %s\n", qPrintable(cut.toString()));
                return;
            }
            if (!pictures.contains(stop))
                return;
            // "Opened /tmp/…": a path of this run only, not of the program.
            if (auto *main = qobject_cast<QMainWindow *>(window); main && stop == QLatin1String("main-window"))
                main->statusBar()->clearMessage();
            ok = save(window, out.filePath(pictures.value(stop))) && ok;
            if (stop == QLatin1String("charts")) {
                const QPalette light = QApplication::palette();
                QApplication::setPalette(darkPalette());
                QTest::qWait(300);
                ok = save(window, out.filePath(QStringLiteral("charts-dark.png"))) && ok;
                QApplication::setPalette(light);
                QTest::qWait(300);
            }
        },
        &why);
    if (!walked)
        std::fprintf(stderr, "%s\n", qPrintable(why));
    return walked && ok ? 0 : 1;
}
