#include "tests/support/TestBackend.h"
#include "tests/tamper/AuditTamper.h"

#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/AuditModel.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/AuditReportDialog.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/common/FileDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

// The audit log view's tamper evidence as an auditor uses it: save an anchor, verify against it
// after the newest events were removed, and write a user's report from the window.
class TestAuditViewTamper final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void anchorFindsTheRemovedTail();
    void anchorThatHoldsIsShownAsSuch();
    void reportFromTheWindowWritesCsvAndPdf();
    void reportDialogTurnsDaysIntoAPeriod();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<Database> m_db;
    ConnectionSpec m_spec;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<AuditLogView> m_view;
    QTemporaryDir m_dir;
};

void TestAuditViewTamper::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    for (const QString &user : {QStringLiteral("u1"), QStringLiteral("u2")})
        QVERIFY(Users(*m_db).add(user, user + QStringLiteral("@example.com"), {}));
    Ledger ledger(*m_db);
    for (int i = 0; i < 8; ++i)
        QVERIFY(ledger.award({QStringLiteral("u%1").arg(i % 2 + 1), 10, SourceType::UserProblemAttempt,
                              QStringLiteral("a-%1").arg(i), QStringLiteral("answer"), Category::CorrectAnswer}));
    // Events 1-2 user-add, 3-10 awards (u1: 3, 5, 7, 9).
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("auditor"));
    bool opened = false;
    m_session->open(this, [&opened](const Status &status) { opened = status.ok(); });
    QTRY_VERIFY(opened);
    m_view = std::make_unique<AuditLogView>(m_session.get());
    m_view->resize(1100, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QTRY_COMPARE(m_view->model()->rowCount(), 10);
}

void TestAuditViewTamper::cleanup()
{
    m_view.reset();
    m_session.reset();
    m_db.reset();
    TestBackend::dropDatabase(m_spec);
}

void TestAuditViewTamper::anchorFindsTheRemovedTail()
{
    const QString anchor = path(QStringLiteral("anchor.json"));
    FileDialog::setNextFileName(anchor);
    m_view->saveAnchor();
    QTRY_VERIFY(QFile::exists(anchor));
    QTRY_VERIFY(m_view->saveAnchorAction()->isEnabled());

    QVERIFY(AuditTamper::truncateFrom(*m_db, 9));
    FileDialog::setNextFileName(anchor);
    m_view->verifyAgainstAnchor();
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isVerifying(), 20000);
    VerifyResultPanel *panel = m_view->verifyResult();
    QVERIFY(panel->isVisible());
    QVERIFY2(panel->summaryText().contains(QLatin1String("Anchor broken at event 9")),
             qPrintable(panel->summaryText()));
    QVERIFY2(panel->anchorText().contains(QLatin1String("Events 9 to 10 are missing")),
             qPrintable(panel->anchorText()));
    QVERIFY(panel->anchorCheck() && !panel->anchorCheck()->ok());
    // The chain itself was intact: the anchor is what found it.
    QVERIFY(!panel->report().brokenSeq);
}

void TestAuditViewTamper::anchorThatHoldsIsShownAsSuch()
{
    const QString anchor = path(QStringLiteral("holds.json"));
    FileDialog::setNextFileName(anchor);
    m_view->saveAnchor();
    QTRY_VERIFY(QFile::exists(anchor));
    QVERIFY(Ledger(*m_db).award({QStringLiteral("u1"), 5, SourceType::UserProblemAttempt, QStringLiteral("later"),
                                 QStringLiteral("later"), Category::CorrectAnswer}));
    const auto loaded = AuditAnchor::load(anchor);
    QVERIFY(loaded);
    m_view->verifyWithAnchor(*loaded);
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isVerifying(), 20000);
    VerifyResultPanel *panel = m_view->verifyResult();
    QVERIFY2(panel->summaryText().contains(QLatin1String("anchor holds")), qPrintable(panel->summaryText()));
    QVERIFY2(panel->anchorText().contains(QLatin1String("event 11 was added since")), qPrintable(panel->anchorText()));
}

void TestAuditViewTamper::reportFromTheWindowWritesCsvAndPdf()
{
    m_view->setUserFilter(QStringLiteral("u1"));
    const QString csv = path(QStringLiteral("u1.csv"));
    // The dialog is modal: answer it as a person would once it shows.
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<AuditReportDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->userEdit()->text(), QStringLiteral("u1")); // from the filter
        dialog->formatBox()->setCurrentIndex(1); // CSV
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    FileDialog::setNextFileName(csv);
    QSignalSpy finished(m_view.get(), &AuditLogView::reportFinished);
    m_view->auditReport();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), 5); // user-add and four awards
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\r\nuser,u1\r\n"));

    const QString pdf = path(QStringLiteral("u2.pdf"));
    m_view->writeReport({QStringLiteral("u2"), {}, {}}, pdf);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(finished.last().first().toLongLong(), 5);
    QFile written(pdf);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.read(5) == "%PDF-");
}

void TestAuditViewTamper::reportDialogTurnsDaysIntoAPeriod()
{
    AuditReportDialog dialog;
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no user yet
    QTest::keyClicks(dialog.userEdit(), QStringLiteral("u1"));
    QVERIFY(ok->isEnabled());
    QVERIFY(!dialog.request().since.isValid());
    QVERIFY(!dialog.request().until.isValid());

    dialog.sinceCheck()->setChecked(true);
    dialog.sinceEdit()->setDate(QDate(2026, 3, 1));
    dialog.untilCheck()->setChecked(true);
    dialog.untilEdit()->setDate(QDate(2026, 3, 31));
    const AuditReportRequest request = dialog.request();
    QCOMPARE(request.userId, QStringLiteral("u1"));
    QCOMPARE(request.since, QDate(2026, 3, 1).startOfDay().toUTC());
    QCOMPARE(request.until, QDate(2026, 4, 1).startOfDay().toUTC()); // the whole last day
    QCOMPARE(dialog.suffix(), QStringLiteral("pdf"));

    dialog.untilEdit()->setDate(QDate(2026, 2, 1));
    QVERIFY(!ok->isEnabled()); // ends before it starts
}

QTEST_MAIN(TestAuditViewTamper)
#include "TestAuditViewTamper.moc"
