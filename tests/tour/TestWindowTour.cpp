#include "tests/support/TestBackend.h"
#include "tests/tour/ClipInspector.h"
#include "tests/tour/WindowTour.h"

#include "core/import/DemoGenerator.h"
#include "models/FreeTextColumns.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include <optional>

namespace {

// Texts cut off in parts of the window that other branches of issue 20 rework at the same time:
// the history view, its filter bar and the action dialogs (the desk branch); the audit log, its
// filter bar, the audit report and the pending approvals (the audit branch). The Audit Log and
// Pending Approvals pages need more width than the window has in German and French, which
// squeezes the users pane and, in French, pushes the window past the screen's edge. The
// integrator empties this list after merging those branches; an entry that occurs in no
// language is named in a warning at the end.
struct KnownCut
{
    const char *language; // "*": every language
    const char *widget; // a part of ClipInspector::describe()
    const char *problem; // a part of ClippedText::problem; nullptr: any
};

const QList<KnownCut> KnownCutsElsewhere{};

int knownCut(const QString &language, const ClippedText &found)
{
    for (int i = 0; i < int(KnownCutsElsewhere.size()); ++i) {
        const KnownCut &known = KnownCutsElsewhere.at(i);
        if ((qstrcmp(known.language, "*") == 0 || language == QLatin1String(known.language))
            && found.widget.contains(QLatin1String(known.widget))
            && (!known.problem || found.problem.contains(QLatin1String(known.problem))))
            return i;
    }
    return -1;
}

} // namespace

// The whole window walked in English, German and French at 1280 x 800, as issue 20's support
// person and auditor walk it: every label, button, box, tab, column header and status message
// of every view and dialog is shown whole.
class TestWindowTour final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void inspectorTellsCutFromWhole();
    void inspectorTellsCutCellFromFreeText();
    void init();
    void cleanup();
    void nothingIsCutOff_data();
    void nothingIsCutOff();
    void cleanupTestCase();

private:
    std::optional<ConnectionSpec> m_spec;
    QList<bool> m_knownSeen = QList<bool>(KnownCutsElsewhere.size(), false);
};

void TestWindowTour::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-window-tour"));
}

void TestWindowTour::inspectorTellsCutFromWhole()
{
    // The same texts, once with the room they need and once without it.
    QWidget window;
    window.resize(600, 200);
    auto *button = new QPushButton(QStringLiteral("Filter zur\u00fccksetzen"), &window);
    auto *search = new QLineEdit(&window);
    search->setPlaceholderText(QStringLiteral("Search description, source ID or transaction ID"));
    auto *label = new QLabel(QStringLiteral("Showing 500 of 1,580 transactions"), &window);
    button->setGeometry(QRect(QPoint(0, 0), button->sizeHint()));
    search->setGeometry(0, 40, search->fontMetrics().horizontalAdvance(search->placeholderText()) + 40, 24);
    label->setGeometry(QRect(QPoint(0, 80), label->sizeHint()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(ClipInspector::inspect(&window).size(), 0);

    button->resize(button->width() * 2 / 3, button->height());
    search->resize(search->width() / 2, search->height());
    label->move(window.width() - label->width() / 2, label->y());
    QStringList cut;
    for (const ClippedText &found : ClipInspector::inspect(&window))
        cut << found.text;
    QCOMPARE(cut.size(), 3);
    QVERIFY(cut.contains(QStringLiteral("Filter zur\u00fccksetzen")));
    QVERIFY(cut.contains(search->placeholderText()));
    QVERIFY(cut.contains(label->text()));
}

void TestWindowTour::inspectorTellsCutCellFromFreeText()
{
    // A users table: a name column, and a column of free text that may end in an ellipsis.
    QStandardItemModel model(1, 2);
    model.setItem(0, 0, new QStandardItem(QStringLiteral("Katherine Berners-Lee")));
    model.setItem(0, 1, new QStandardItem(QStringLiteral("Correct answer: problem #3918 (medium), second attempt")));
    FreeTextColumns::mark(&model, {1});
    QTableView view;
    view.setModel(&model);
    view.resize(400, 120);
    view.horizontalHeader()->setStretchLastSection(true);
    view.resizeColumnToContents(0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Elided, and allowed.
    QVERIFY(view.horizontalHeader()->sectionSize(1) < view.fontMetrics().horizontalAdvance(model.item(0, 1)->text()));
    QCOMPARE(ClipInspector::inspect(&view).size(), 0);

    view.setColumnWidth(0, view.columnWidth(0) * 2 / 3);
    const QList<ClippedText> found = ClipInspector::inspect(&view);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().text, QStringLiteral("Katherine Berners-Lee"));
}

void TestWindowTour::init()
{
    if (QByteArray(QTest::currentTestFunction()) != "nothingIsCutOff")
        return;
    QSettings().clear(); // the window as it first opens: default sizes and splitter
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(DemoGenerator(*db).generate({60, 3000, 90, 42}));
    m_spec = spec;
}

void TestWindowTour::cleanup()
{
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

void TestWindowTour::nothingIsCutOff_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")})
        QTest::newRow(qPrintable(language)) << language;
}

void TestWindowTour::nothingIsCutOff()
{
    QFETCH(QString, language);
    QString why;
    QVERIFY2(WindowTour::setLanguage(language, &why), qPrintable(why));
    QStringList visited;
    QMap<QString, QString> cut; // each cut once, with the first stop that shows it
    {
        WindowTour tour(*m_spec, {1280, 800});
        const bool walked = tour.run(
            [&](const QString &stop, QWidget *window) {
                visited << stop;
                for (const ClippedText &found : ClipInspector::inspect(window)) {
                    if (const int known = knownCut(language, found); known >= 0)
                        m_knownSeen[known] = true;
                    else if (!cut.contains(found.toString()))
                        cut.insert(found.toString(),
                                   QStringLiteral("[%1] %2: %3").arg(language, stop, found.toString()));
                }
            },
            &why);
        QVERIFY2(walked, qPrintable(why));
    }
    QCOMPARE(visited, WindowTour::stops());
    for (const QString &line : std::as_const(cut))
        qInfo().noquote() << line;
    QVERIFY2(cut.isEmpty(), qPrintable(QStringLiteral("%1 texts cut off, listed above").arg(cut.size())));
}

void TestWindowTour::cleanupTestCase()
{
    // Not a failure: some depend on the width of a random user id.
    for (int i = 0; i < int(KnownCutsElsewhere.size()); ++i) {
        const KnownCut &known = KnownCutsElsewhere.at(i);
        if (!m_knownSeen.at(i))
            qWarning("shown whole now, remove from KnownCutsElsewhere: %s %s %s", known.language, known.widget,
                     known.problem ? known.problem : "");
    }
}

int main(int argc, char *argv[])
{
    WindowTour::prepareScreen({1280, 800});
    WindowTour::quietenPlatform();
    QApplication app(argc, argv);
    TestWindowTour test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestWindowTour.moc"
