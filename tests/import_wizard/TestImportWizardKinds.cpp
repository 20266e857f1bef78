#include "tests/import_wizard/ImportWizardFixture.h"

#include "core/import/ImportJob.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/CsvPreviewModel.h"
#include "models/ImportProblemModel.h"
#include "ui/common/InlineMessage.h"
#include "ui/import/ImportConfirmPage.h"
#include "ui/import/ImportProgressPanel.h"
#include "ui/import/ImportResultPage.h"
#include "ui/import/ImportWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// File > Import of the kinds besides a legacy file: totals already in "UserProfile" made into
// transactions, and bulk adjustments, also above the approval threshold.
class TestImportWizardKinds final : public QObject, private ImportWizardFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void profileTotalsBecomeTransactions();
    void bulkAdjustmentsShowEachUsersChange();
    void bulkAdjustmentsAboveTheThresholdWaitForApproval();
};

void TestImportWizardKinds::profileTotalsBecomeTransactions()
{
    // The old state: totals in "UserProfile" with no transactions behind them.
    for (const auto &[user, total] : {std::pair{QStringLiteral("alice"), 700}, std::pair{QStringLiteral("bob"), -25}}) {
        auto set = m_db->run(QStringLiteral("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", "
                                            "\"updatedAt\") VALUES (:id, :u, :t, %1)")
                                 .arg(m_db->dialect().timestampParam(QStringLiteral(":at"))),
                             {{QStringLiteral(":id"), QString(QStringLiteral("p-") + user)},
                              {QStringLiteral(":u"), user},
                              {QStringLiteral(":t"), total},
                              {QStringLiteral(":at"), QStringLiteral("2020-01-01 00:00:00.000")}});
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
    }
    ImportWizard *wizard = openWizard();
    choose(wizard, QStringLiteral("profilesKind"), QString());
    QVERIFY(!wizard->findChild<QLineEdit *>(QStringLiteral("fileEdit"))->isEnabled());
    clickNext(wizard); // no file: straight to the summary
    QCOMPARE(wizard->currentId(), int(ImportWizard::SummaryPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    QCOMPARE(labelText(wizard, QStringLiteral("totalBeforeValue")), QStringLiteral("675"));
    QVERIFY(labelText(wizard, QStringLiteral("totalAfterValue")).startsWith(QStringLiteral("675 (equal")));
    clickNext(wizard);
    QCOMPARE(
        wizard->findChild<ImportConfirmPage *>()->sentence(),
        QStringLiteral("Write 2 transactions for 2 users (a new batch)? This is one transaction: all or nothing."));
    clickNext(wizard);
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ImportWizard::ResultPage), 60000);
    QVERIFY(
        wizard->findChild<ImportResultPage *>()->resultText().startsWith(QStringLiteral("Imported: 2 transactions")));
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(\"amount\") FROM \"UserXP\"")), 675);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'bob'")), -25);
}

void TestImportWizardKinds::bulkAdjustmentsShowEachUsersChange()
{
    const QString path = writeFile(QStringLiteral("bonus.csv"),
                                   "userId,amount,reason,category\n"
                                   "alice,50,Contest bonus,ACHIEVEMENT\n"
                                   "bob,-10,Bug correction,\n"
                                   "alice,5,Contest bonus,\n");
    ImportWizard *wizard = openWizard();
    choose(wizard, QStringLiteral("adjustKind"), path);
    QVERIFY(labelText(wizard, QStringLiteral("expectedColumns")).contains(QStringLiteral("reason")));
    snap(wizard, QStringLiteral("choose"));
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    const QAbstractItemModel *effects = wizard->findChild<QTableView *>(QStringLiteral("effectsTable"))->model();
    QCOMPARE(effects->rowCount(), 2);
    QCOMPARE(effects->index(0, 0).data().toString(), QStringLiteral("alice"));
    QCOMPARE(effects->index(0, 2).data().toString(), QStringLiteral("+55"));
    QCOMPARE(effects->index(1, 3).data().toString(), QStringLiteral("-10"));
    importFromSummary(wizard);
    QVERIFY(wizard->findChild<ImportResultPage *>()->resultText().startsWith(
        QStringLiteral("Imported: 3 transactions for 2 users")));
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'alice'")), 55);
    QCOMPARE(scalar(QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'bob'")), -10);
}

void TestImportWizardKinds::bulkAdjustmentsAboveTheThresholdWaitForApproval()
{
    // A file where every row is above the approval threshold (1000 XP by default) can still be
    // imported: it files the requests and changes no total.
    const QString path = writeFile(QStringLiteral("large.csv"),
                                   "userId,amount,reason\n"
                                   "alice,5000,Contest winner\n"
                                   "bob,-2000,Refund\n");
    ImportWizard *wizard = openWizard();
    choose(wizard, QStringLiteral("adjustKind"), path);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    QVERIFY2(labelText(wizard, QStringLiteral("heldValue")).startsWith(QStringLiteral("2 (above 1,000 XP")),
             qPrintable(labelText(wizard, QStringLiteral("heldValue"))));
    QVERIFY(
        messageText(wizard, QStringLiteral("summaryMessage")).contains(QLatin1String("above the approval threshold")));
    snap(wizard, QStringLiteral("held"));
    importFromSummary(wizard);
    QVERIFY2(wizard->findChild<ImportResultPage *>()->resultText().contains(QLatin1String("Held for approval: 2")),
             qPrintable(wizard->findChild<ImportResultPage *>()->resultText()));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE state = 'pending'")
                        .arg(m_db->dialect().ownTable(QStringLiteral("pending_adjustment")))),
             2);
}

QTEST_MAIN(TestImportWizardKinds)
#include "TestImportWizardKinds.moc"
