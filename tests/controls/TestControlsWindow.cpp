#include "tests/limits/LimitsFixture.h"

#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"
#include "core/session/LedgerSession.h"
#include "ui/common/FileDialog.h"
#include "ui/common/InlineMessage.h"
#include "ui/controls/ControlsWindow.h"
#include "ui/controls/ReasonCodeChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

// The controls report in its window (Ledger > Controls Report…), as an auditor uses it: the
// report of the period shown as its PDF lays it out, saved as PDF and as CSV, and one window per
// session, raised when asked for again.
class TestControlsWindow final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsTheHeldChangeAndItsRule();
    void savesPdfAndCsv();
    void chartsTheChangesByReasonCode();
    void oneWindowPerSession();

private:
    std::unique_ptr<LedgerSession> m_session;
    QWidget m_main;
};

void TestControlsWindow::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    openLimitsDatabase();
    QVERIFY(m_db);
    // An adjustment above the maker's limit per change: held, and in the report.
    QVERIFY(setLimits(LimitRules::Scope::Person, LimitCheck::connectedPerson(*m_db), 100, std::nullopt));
    auto held = Ledger(*m_db).adjust(QStringLiteral("u1"), 250, QStringLiteral("Contest prize"));
    QVERIFY(held && !held->pendingId.isEmpty());
    m_session = std::make_unique<LedgerSession>(*m_spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestControlsWindow::cleanup()
{
    qDeleteAll(m_main.findChildren<ControlsWindow *>(Qt::FindDirectChildrenOnly));
    m_session.reset();
    closeLimitsDatabase();
}

void TestControlsWindow::showsTheHeldChangeAndItsRule()
{
    ControlsWindow *window = ControlsWindow::open(m_session.get(), &m_main);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(window->report().has_value() && !window->isLoading(), 20000);
    const QString text = window->browser()->toPlainText();
    for (const QString &expected : {QStringLiteral("Controls report"), QStringLiteral("Changes held for approval"),
                                    QStringLiteral("above the maker's limit per change"),
                                    QStringLiteral("Contest prize"), QStringLiteral("u1@example.com")})
        QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + text));
    QVERIFY(window->findChild<QPushButton *>(QStringLiteral("controlsSavePdf"))->isEnabled());
}

// Below the chart of the report, the XP given and taken by hand, a bar of each per reason code.
void TestControlsWindow::chartsTheChangesByReasonCode()
{
    for (const qint64 amount : {60, 40, -30})
        QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u2"), amount, QStringLiteral("Small fix")));
    ControlsWindow *window = ControlsWindow::open(m_session.get(), &m_main);
    QTRY_VERIFY_WITH_TIMEOUT(window->report().has_value() && !window->isLoading(), 20000);
    auto *view = window->findChild<ReasonCodeChart *>(QStringLiteral("controlsReasonChart"));
    QVERIFY(view);
    QCOMPARE(view->chart()->title(), QStringLiteral("Manual changes by reason code"));
    const QList<QAbstractSeries *> series = view->chart()->series();
    QCOMPARE(series.size(), 1);
    auto *bars = qobject_cast<QHorizontalBarSeries *>(series.constFirst());
    QVERIFY(bars);
    QCOMPARE(bars->count(), 2);
    QCOMPARE(bars->barSets().at(0)->label(), QStringLiteral("XP given"));
    QCOMPARE(bars->barSets().at(0)->at(0), 100.0);
    QCOMPARE(bars->barSets().at(1)->label(), QStringLiteral("XP taken"));
    QCOMPARE(bars->barSets().at(1)->at(0), 30.0);
    const QList<QAbstractAxis *> axes = view->chart()->axes(Qt::Vertical);
    QCOMPARE(axes.size(), 1);
    QCOMPARE(qobject_cast<QBarCategoryAxis *>(axes.constFirst())->categories(),
             QStringList{QStringLiteral("No reason code")});
    QVERIFY(window->browser()->toPlainText().contains(QStringLiteral("Manual changes by reason code")));
}

void TestControlsWindow::savesPdfAndCsv()
{
    ControlsWindow *window = ControlsWindow::open(m_session.get(), &m_main);
    QTRY_VERIFY_WITH_TIMEOUT(window->report().has_value() && !window->isLoading(), 20000);
    const QString pdfName = m_files.filePath(QStringLiteral("controls.pdf"));
    FileDialog::setNextFileName(pdfName);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("controlsSavePdf")), Qt::LeftButton);
    QFile pdf(pdfName);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.readAll().startsWith("%PDF"));
    QCOMPARE(window->message()->kind(), InlineMessage::Kind::Info);
    QVERIFY(window->message()->text().contains(QStringLiteral("controls.pdf")));

    const QString csvName = m_files.filePath(QStringLiteral("controls.csv"));
    FileDialog::setNextFileName(csvName);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("controlsSaveCsv")), Qt::LeftButton);
    QFile csv(csvName);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString content = QString::fromUtf8(csv.readAll());
    QVERIFY2(content.contains(QStringLiteral("held,")) && content.contains(QStringLiteral("limit-per-change")),
             qPrintable(content));
}

void TestControlsWindow::oneWindowPerSession()
{
    ControlsWindow *first = ControlsWindow::open(m_session.get(), &m_main);
    ControlsWindow *again = ControlsWindow::open(m_session.get(), &m_main);
    QCOMPARE(again, first);
    QCOMPARE(m_main.findChildren<ControlsWindow *>(Qt::FindDirectChildrenOnly).size(), 1);
}

QTEST_MAIN(TestControlsWindow)
#include "TestControlsWindow.moc"
