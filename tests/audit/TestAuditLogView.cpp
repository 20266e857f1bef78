#include "tests/support/TestBackend.h"
#include "tests/support/TestCsv.h"

#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/AuditModel.h"
#include "ui/audit/AuditEventDetail.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <atomic>

namespace {

const QString Hyperlink = QStringLiteral("=HYPERLINK(\"http://evil.example/\",\"click\")");

} // namespace

// The audit log view driven as an auditor drives it: select, verify, jump, repair, export;
// every outcome checked against the database with independent SQL.
class TestAuditLogView final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void selectingARowShowsItsSnapshot();
    void verifyReportsAnIntactLedger();
    void verifyNamesAnEditedEventAndJumpsToIt();
    void verifyListsDriftAndRepairFixesIt();
    void cancelledVerifyReportsNothing();
    void exportWritesEveryEventWithFormulasNeutralised();
    void exportOfAFilterWritesOnlyItsEvents();
    void cancelledExportLeavesNoFile();
    void userFilterShowsOnlyThatUser();
    void stateRoundTrips();
    void eventMenuLeadsToTransactionUserAndBatch();
    void filterFieldsKeepTheirWidth();

private:
    QString table() const { return m_db->dialect().ownTable(QStringLiteral("audit_event")); }
    qint64 sqlCount(const QString &where = {});
    void exec(const QString &sql);
    bool waitIdle();
    QPoint rowCenter(int row) const;
    std::shared_ptr<std::atomic<bool>> holdBackgroundWorker();

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<AuditLogView> m_view;
    QString m_awardId;
};

void TestAuditLogView::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    // Events: 1-3 user-add u1..u3, 4-15 awards, 16 an adjustment whose reason is a formula,
    // 17 a rollback.
    for (const QString &user : {QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3")})
        QVERIFY(Users(*m_db).add(user, user + QStringLiteral("@example.com"), {}));
    Ledger ledger(*m_db);
    for (int i = 0; i < 12; ++i) {
        auto change = ledger.award({QStringLiteral("u%1").arg(i % 3 + 1), 10 * (i + 1), SourceType::UserProblemAttempt,
                                    QStringLiteral("attempt-%1").arg(i), QStringLiteral("answer %1").arg(i),
                                    Category::CorrectAnswer});
        QVERIFY(change);
        m_awardId = change->rows.first().id;
    }
    QVERIFY(ledger.adjust(QStringLiteral("u2"), -15, Hyperlink));
    QVERIFY(ledger.rollback({m_awardId}, QStringLiteral("duplicate")));
    QCOMPARE(sqlCount(), 17);

    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&opened](const Status &status) { opened = status.ok(); });
    QTRY_VERIFY(opened);
    m_view = std::make_unique<AuditLogView>(m_session.get());
    m_view->resize(1100, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), 17);
}

void TestAuditLogView::cleanup()
{
    m_view.reset();
    m_session.reset();
    m_db.reset();
}

qint64 TestAuditLogView::sqlCount(const QString &where)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT count(*) FROM %1 %2")
                                   .arg(table(), where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where))
        .toLongLong();
}

void TestAuditLogView::exec(const QString &sql)
{
    auto rows = m_db->run(sql);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

bool TestAuditLogView::waitIdle()
{
    return QTest::qWaitFor([this] { return !m_view->model()->isLoading(); }, 20000);
}

QPoint TestAuditLogView::rowCenter(int row) const
{
    return m_view->table()->visualRect(m_view->model()->index(row, AuditModel::Action)).center();
}

// Keeps the session's background worker busy until the returned flag is set, so that a job
// posted meanwhile can be cancelled before it starts.
std::shared_ptr<std::atomic<bool>> TestAuditLogView::holdBackgroundWorker()
{
    auto release = std::make_shared<std::atomic<bool>>(false);
    m_session->background()->post<int>(
        this,
        [release](Database &) -> Result<int> {
            while (!release->load())
                QThread::msleep(5);
            return 0;
        },
        [](const Result<int> &) {});
    return release;
}

void TestAuditLogView::selectingARowShowsItsSnapshot()
{
    const qint64 seq
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT seq FROM %1 WHERE action = 'rollback'").arg(table()))
              .toLongLong();
    const int row = m_view->model()->rowOfSeq(seq);
    QVERIFY(row >= 0);
    QTest::mouseClick(m_view->table()->viewport(), Qt::LeftButton, {}, rowCenter(row));
    QTRY_COMPARE(m_view->detail()->shownSeq(), seq);

    const QString snapshot
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT snapshot FROM %1 WHERE seq = :seq").arg(table()),
                              {{QStringLiteral(":seq"), seq}})
              .toString();
    const QString shown = m_view->detail()->snapshotText();
    QVERIFY2(shown.contains(m_awardId), qPrintable(shown));
    QVERIFY(shown.count(QLatin1Char('\n')) > 3); // pretty-printed, one field a line
    QCOMPARE(QJsonDocument::fromJson(shown.toUtf8()), QJsonDocument::fromJson(snapshot.toUtf8()));
    const QString hash = TestBackend::scalar(*m_db, QStringLiteral("SELECT hash FROM %1 WHERE seq = :seq").arg(table()),
                                             {{QStringLiteral(":seq"), seq}})
                             .toString();
    QCOMPARE(m_view->detail()->findChild<QLabel *>(QStringLiteral("auditDetailHash"))->text(), hash);

    // What it did, in words; the user by email (no name), the id a hover away.
    QCOMPARE(m_view->detail()->effectText(),
             QStringLiteral("Transaction +120 removed: answer 11, attempt-11\nTotal XP 300 → 180"));
    auto *user = m_view->detail()->findChild<QLabel *>(QStringLiteral("auditDetailUser"));
    QCOMPARE(user->text(), QStringLiteral("u3@example.com"));
    QCOMPARE(user->toolTip(), QStringLiteral("id u3"));
    QCOMPARE(m_view->detail()->findChild<QLabel *>(QStringLiteral("auditDetailTitle"))->text(),
             QStringLiteral("Event %1: Rollback").arg(seq));
    // The JSON and the hashes are one click away, not in the way.
    auto *technical = m_view->detail()->findChild<QWidget *>(QStringLiteral("auditTechnicalDetails"));
    QVERIFY(!technical->isVisible());
    QVERIFY(!m_view->detail()->findChild<QLabel *>(QStringLiteral("auditDetailHash"))->isVisible());
    QTest::mouseClick(m_view->detail()->findChild<QToolButton *>(QStringLiteral("auditTechnicalToggle")),
                      Qt::LeftButton);
    QVERIFY(technical->isVisible());
    QVERIFY(m_view->detail()->findChild<QLabel *>(QStringLiteral("auditDetailHash"))->isVisible());

    // Another row, by keyboard.
    QTest::keyClick(m_view->table(), Qt::Key_Down);
    QTRY_COMPARE(m_view->detail()->shownSeq(), seq - 1);
    QVERIFY(m_view->detail()->snapshotText().contains(QLatin1String("totalXP_before"))
            || m_view->detail()->snapshotText().contains(QLatin1String("\"amount\"")));
}

void TestAuditLogView::verifyReportsAnIntactLedger()
{
    // The key (Ctrl+Shift+V) belongs to the main window (TestMainWindow); here the view's button.
    m_view->verifyAction()->trigger();
    VerifyResultPanel *panel = m_view->verifyResult();
    QTRY_VERIFY(panel->isVisible());
    QTRY_VERIFY(!m_view->isVerifying());
    QCOMPARE(panel->summaryText(), QStringLiteral("Chain intact: 17 events checked; all totals match"));
    QVERIFY(panel->report().ok());
}

void TestAuditLogView::verifyNamesAnEditedEventAndJumpsToIt()
{
    exec(QStringLiteral("UPDATE %1 SET reason = 'x' WHERE seq = 3").arg(table()));
    // Event 3 is u3's; show only u1's events, so jumping to it must widen the filter.
    m_view->setUserFilter(QStringLiteral("u1"));
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), int(sqlCount(QStringLiteral("user_id = 'u1'"))));

    QTest::mouseClick(m_view->findChild<QToolButton *>(QStringLiteral("auditVerifyButton")), Qt::LeftButton);
    VerifyResultPanel *panel = m_view->verifyResult();
    QTRY_VERIFY(panel->isVisible());
    QTRY_VERIFY(!m_view->isVerifying());
    QCOMPARE(panel->report().brokenSeq.value_or(-1), 3);
    QVERIFY2(panel->summaryText().contains(QLatin1String("event 3")), qPrintable(panel->summaryText()));
    const QString chain = panel->findChild<QLabel *>(QStringLiteral("verifyChain"))->text();
    QVERIFY2(chain.contains(QLatin1String("event 3 was edited")), qPrintable(chain));

    auto *showEvent = panel->findChild<QPushButton *>(QStringLiteral("verifyShowEvent"));
    QVERIFY(showEvent->isVisible());
    QCOMPARE(showEvent->text(), QStringLiteral("&Show event 3"));
    QTest::mouseClick(showEvent, Qt::LeftButton);
    QTRY_COMPARE(m_view->detail()->shownSeq(), 3);
    QCOMPARE(m_view->model()->eventAt(m_view->table()->currentIndex().row()).seq, 3);
    QCOMPARE(m_view->detail()->findChild<QLabel *>(QStringLiteral("auditDetailReason"))->text(), QStringLiteral("x"));
    QVERIFY(m_view->model()->filter().userId.isEmpty());
}

void TestAuditLogView::verifyListsDriftAndRepairFixesIt()
{
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 999 WHERE \"userId\" = 'u2'"));
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 1);
    m_view->verify();
    VerifyResultPanel *panel = m_view->verifyResult();
    QTRY_VERIFY(panel->isVisible());
    QTRY_VERIFY(!m_view->isVerifying());
    QVERIFY(!panel->report().brokenSeq);
    auto *drift = panel->findChild<QTreeWidget *>(QStringLiteral("verifyDrift"));
    QCOMPARE(drift->topLevelItemCount(), 1);
    // By email (the users have no names), the id in the tooltip; a change by XP Admin is no direct one.
    QCOMPARE(drift->topLevelItem(0)->text(0), QStringLiteral("u2@example.com"));
    QCOMPARE(drift->topLevelItem(0)->toolTip(0), QStringLiteral("u2"));
    QVERIFY(drift->topLevelItem(0)->text(4).isEmpty());
    QCOMPARE(drift->topLevelItem(0)->text(1), QStringLiteral("999"));
    const qint64 sum = TestBackend::scalar(*m_db,
                                           QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\" WHERE "
                                                          "\"userId\" = 'u2'"))
                           .toLongLong();
    QCOMPARE(drift->topLevelItem(0)->text(2), QLocale().toString(sum));

    MessageBox::setNextAnswer(QMessageBox::Yes);
    auto *repair = panel->findChild<QPushButton *>(QStringLiteral("verifyRepair"));
    QVERIFY(repair->isVisible());
    QTest::mouseClick(repair, Qt::LeftButton);
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("u2")), qPrintable(MessageBox::lastText()));
    QTRY_COMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    QCOMPARE(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'"))
            .toLongLong(),
        sum);
    // The repair is audited and shows at the top; the verification that follows finds it all intact.
    QTRY_COMPARE(m_view->model()->eventAt(0).action, QStringLiteral("repair"));
    QCOMPARE(m_view->model()->eventAt(0).userId, QStringLiteral("u2"));
    QCOMPARE(m_view->model()->eventAt(0).seq, 18);
    QTRY_COMPARE(panel->summaryText(), QStringLiteral("Chain intact: 18 events checked; all totals match"));
    QVERIFY(!repair->isVisible());
}

void TestAuditLogView::cancelledVerifyReportsNothing()
{
    auto release = holdBackgroundWorker();
    QSignalSpy status(m_view.get(), &AuditLogView::statusMessage);
    m_view->verify();
    QVERIFY(m_view->isVerifying());
    QVERIFY(!m_view->verifyAction()->isEnabled());
    auto *progress = m_view->findChild<QProgressDialog *>();
    QVERIFY(progress);
    QTest::mouseClick(progress->findChild<QPushButton *>(), Qt::LeftButton);
    release->store(true);
    QTRY_VERIFY(!m_view->isVerifying());
    QVERIFY(!m_view->verifyResult()->isVisible());
    QVERIFY(m_view->verifyAction()->isEnabled());
    QVERIFY(!status.isEmpty());
    const QString last = status.last().first().toString();
    QVERIFY2(last.contains(QLatin1String("cancelled")), qPrintable(last));
    QTRY_VERIFY(!m_view->findChild<QProgressDialog *>());
}

void TestAuditLogView::exportWritesEveryEventWithFormulasNeutralised()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    FileDialog::setNextFileName(path);
    m_view->exportCsvAction()->trigger();
    QTRY_VERIFY(!m_view->isExporting());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> records = TestCsv::parse(QString::fromUtf8(file.readAll()));
    QCOMPARE(records.size(), 1 + 17);
    QCOMPARE(
        records.first(),
        QStringLiteral("seq,at_utc,actor,operator,action,operation_id,user_id,xp_id,amount,reason,snapshot,prev_hash,"
                       "hash")
            .split(QLatin1Char(',')));
    for (int i = 1; i < records.size(); ++i) {
        const QStringList &record = records.at(i);
        QCOMPARE(record.size(), 13);
        const qint64 seq = 18 - i; // newest first, as the view lists them
        QCOMPARE(record.at(0).toLongLong(), seq);
        const Bindings bySeq{{QStringLiteral(":seq"), seq}};
        auto sql = [&](const QString &column) {
            return TestBackend::scalar(*m_db, QStringLiteral("SELECT %1 FROM %2 WHERE seq = :seq").arg(column, table()),
                                       bySeq)
                .toString();
        };
        QCOMPARE(record.at(10), sql(QStringLiteral("snapshot")));
        QCOMPARE(record.at(11), sql(QStringLiteral("prev_hash")));
        QCOMPARE(record.at(12), sql(QStringLiteral("hash")));
        QCOMPARE(record.at(8), sql(QStringLiteral("COALESCE(CAST(amount AS TEXT), '')")));
        if (sql(QStringLiteral("reason")) == Hyperlink)
            QCOMPARE(record.at(9), QLatin1Char('\'') + Hyperlink);
        else
            QCOMPARE(record.at(9), sql(QStringLiteral("reason")));
    }
    QCOMPARE(records.at(2).at(9), QStringLiteral("'=HYPERLINK(\"http://evil.example/\",\"click\")"));
}

void TestAuditLogView::exportOfAFilterWritesOnlyItsEvents()
{
    m_view->setUserFilter(QStringLiteral("u2"));
    QVERIFY(waitIdle());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("u2.csv"));
    FileDialog::setNextFileName(path);
    QTest::mouseClick(m_view->findChild<QToolButton *>(QStringLiteral("auditExportButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_view->isExporting());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> records = TestCsv::parse(QString::fromUtf8(file.readAll()));
    QCOMPARE(records.size(), 1 + sqlCount(QStringLiteral("user_id = 'u2'")));
    for (int i = 1; i < records.size(); ++i)
        QCOMPARE(records.at(i).at(6), QStringLiteral("u2"));
}

void TestAuditLogView::cancelledExportLeavesNoFile()
{
    auto release = holdBackgroundWorker(); // the export is still waiting when it is cancelled
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancelled.csv"));
    FileDialog::setNextFileName(path);
    m_view->exportCsv();
    QVERIFY(m_view->isExporting());
    auto *progress = m_view->findChild<QProgressDialog *>();
    QVERIFY(progress);
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    release->store(true);
    QTRY_VERIFY(!m_view->isExporting());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
}

void TestAuditLogView::userFilterShowsOnlyThatUser()
{
    auto *userEdit = m_view->findChild<QLineEdit *>(QStringLiteral("auditUserFilter"));
    QVERIFY(userEdit);
    userEdit->setFocus();
    QTest::keyClicks(userEdit, QStringLiteral("u3"));
    QTRY_COMPARE(m_view->model()->filter().userId, QStringLiteral("u3")); // after the debounce
    QVERIFY(waitIdle());
    QCOMPARE(m_view->model()->rowCount(), int(sqlCount(QStringLiteral("user_id = 'u3'"))));
    for (int row = 0; row < m_view->model()->rowCount(); ++row)
        QCOMPARE(m_view->model()->eventAt(row).userId, QStringLiteral("u3"));
    QTest::mouseClick(m_view->findChild<QToolButton *>(QStringLiteral("auditClearFilters")), Qt::LeftButton);
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), 17);
    QVERIFY(userEdit->text().isEmpty());
}

void TestAuditLogView::stateRoundTrips()
{
    m_view->table()->setColumnWidth(AuditModel::Actor, 211);
    const QByteArray state = m_view->saveState();
    m_view->table()->setColumnWidth(AuditModel::Actor, 50);
    QVERIFY(m_view->restoreState(state));
    QCOMPARE(m_view->table()->columnWidth(AuditModel::Actor), 211);
    QVERIFY(!m_view->restoreState(QByteArray("not a state")));
}

void TestAuditLogView::eventMenuLeadsToTransactionUserAndBatch()
{
    const qint64 seq
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT seq FROM %1 WHERE action = 'rollback'").arg(table()))
              .toLongLong();
    const int row = m_view->model()->rowOfSeq(seq);
    QTest::mouseClick(m_view->table()->viewport(), Qt::LeftButton, {}, rowCenter(row));
    QTRY_COMPARE(m_view->detail()->shownSeq(), seq);
    // The table reads as words: the action's label and the user's email, not codes and ids.
    QCOMPARE(m_view->model()->index(row, AuditModel::Action).data().toString(), QStringLiteral("Rollback"));
    QCOMPARE(m_view->model()->index(row, AuditModel::User).data().toString(), QStringLiteral("u3@example.com"));

    QSignalSpy transaction(m_view.get(), &AuditLogView::showTransactionRequested);
    QSignalSpy user(m_view.get(), &AuditLogView::showUserRequested);
    m_view->findChild<QAction *>(QStringLiteral("auditShowTransaction"))->trigger();
    QCOMPARE(transaction.size(), 1);
    QCOMPARE(transaction.first().first().toString(), m_awardId);
    m_view->findChild<QAction *>(QStringLiteral("auditShowUser"))->trigger();
    QCOMPARE(user.size(), 1);
    QCOMPARE(user.first().first().toString(), QStringLiteral("u3"));
    m_view->findChild<QAction *>(QStringLiteral("auditCopyTransactionId"))->trigger();
    QCOMPARE(QApplication::clipboard()->text(), m_awardId);

    // Double-click: the technical details open.
    QVERIFY(!m_view->detail()->isTechnicalExpanded());
    QTest::mouseDClick(m_view->table()->viewport(), Qt::LeftButton, {}, rowCenter(row));
    QVERIFY(m_view->detail()->isTechnicalExpanded());

    // The batch of an award is the award alone; of the first user-add, that one event.
    const QString operation
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT operation_id FROM %1 WHERE seq = 5").arg(table()))
              .toString();
    const int awardRow = m_view->model()->rowOfSeq(5);
    QTest::mouseClick(m_view->table()->viewport(), Qt::LeftButton, {}, rowCenter(awardRow));
    QTRY_COMPARE(m_view->detail()->shownSeq(), 5);
    m_view->findChild<QAction *>(QStringLiteral("auditShowBatch"))->trigger();
    QCOMPARE(m_view->model()->filter().operationId, operation);
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), int(sqlCount(QStringLiteral("operation_id = '%1'").arg(operation))));
    QVERIFY(m_view->model()->rowCount() < 17);
    QTRY_COMPARE(m_view->detail()->shownSeq(), 5);
    auto *label = m_view->findChild<QLabel *>(QStringLiteral("auditOperationLabel"));
    QVERIFY(label->isVisible());
    QTest::mouseClick(m_view->findChild<QToolButton *>(QStringLiteral("auditOperationClear")), Qt::LeftButton);
    QVERIFY(waitIdle());
    QTRY_COMPARE(m_view->model()->rowCount(), 17);
    QVERIFY(!label->isVisible());
}

// In a narrow window the filter boxes keep room for their hints instead of shrinking to "U…".
void TestAuditLogView::filterFieldsKeepTheirWidth()
{
    m_view->resize(760, 600);
    QTest::qWait(50);
    for (const QString &name : {QStringLiteral("auditUserFilter"), QStringLiteral("auditActorFilter")}) {
        auto *edit = m_view->findChild<QLineEdit *>(name);
        const int hint = edit->fontMetrics().horizontalAdvance(edit->placeholderText());
        QVERIFY2(edit->width() > hint + 20,
                 qPrintable(QStringLiteral("%1: %2 px for a %3 px hint").arg(name).arg(edit->width()).arg(hint)));
    }
    // The action filter lists labels, with the codes as data.
    auto *action = m_view->findChild<QComboBox *>(QStringLiteral("auditActionFilter"));
    const int rollback = action->findData(QStringLiteral("rollback"));
    QVERIFY(rollback > 0);
    QCOMPARE(action->itemText(rollback), QStringLiteral("Rollback"));
}

QTEST_MAIN(TestAuditLogView)
#include "TestAuditLogView.moc"
