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

// File > Import driven as a support person drives it: a kind and a file chosen, Next pressed,
// the pages read; the database checked with independent SQL. A legacy file through the whole
// wizard: by keyboard, with problems, twice, cancelled while it writes, and closed.
class TestImportWizard final : public QObject, private ImportWizardFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void goodLegacyFileImportsByKeyboardAndTotalsEqualTheFile();
    void everyProblemIsListedWithItsLineAndNextStaysDisabled();
    void sameFileAgainSaysAlreadyImported();
    void cancelWhileWritingLeavesTheDatabaseUnchanged();
    void escapeClosesTheWizardWhenNothingRuns();
};

void TestImportWizard::goodLegacyFileImportsByKeyboardAndTotalsEqualTheFile()
{
    // alice and bob exist (no transactions yet); the others are created from email and name.
    QByteArray csv = "\xEF\xBB\xBFuserId,totalXP,email,name\r\nalice,1500,,\r\nbob,0,,\r\n";
    QHash<QString, qint64> expected{{QStringLiteral("alice"), 1500}, {QStringLiteral("bob"), 0}};
    qint64 grand = 1500;
    qint64 nonZero = 1;
    for (int i = 1; i <= 118; ++i) {
        const qint64 total = i % 10 == 0 ? 0 : (i * 37) % 5000 - 300;
        const QString id = QStringLiteral("legacy-%1").arg(i);
        expected.insert(id, total);
        grand += total;
        nonZero += total != 0;
        csv += QStringLiteral("%1, %2 ,%1@example.com,\"Learner %3, \"\"L\"\"\"\r\n")
                   .arg(id)
                   .arg(total)
                   .arg(i)
                   .toUtf8();
    }
    const QString path = writeFile(QStringLiteral("legacy.csv"), csv);
    const QString batch = QStringLiteral("legacy-")
        + QString::fromLatin1(QCryptographicHash::hash(csv, QCryptographicHash::Sha256).toHex()).left(12);
    QSignalSpy changed(m_session.get(), &LedgerSession::ledgerChanged);

    // Only the keyboard: mnemonics, typing, Return for Next and Import.
    ImportWizard *wizard = openWizard();
    QTest::keyClick(wizard, Qt::Key_L, Qt::AltModifier);
    QVERIFY(wizard->findChild<QRadioButton *>(QStringLiteral("legacyKind"))->isChecked());
    QVERIFY(labelText(wizard, QStringLiteral("expectedColumns")).contains(QStringLiteral("totalXP")));
    QTest::keyClick(wizard, Qt::Key_F, Qt::AltModifier);
    auto *file = wizard->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
    QVERIFY(file->hasFocus());
    QTest::keyClicks(file, path);
    QTest::keyClick(file, Qt::Key_Return);
    QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));

    // The first rows as written, line numbers at the left.
    const auto *preview = wizard->findChild<QTableView *>(QStringLiteral("previewTable"));
    QCOMPARE(preview->model()->rowCount(), 50);
    QCOMPARE(preview->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("userId"));
    QCOMPARE(preview->model()->headerData(0, Qt::Vertical).toLongLong(), 2);
    QCOMPARE(preview->model()->index(2, 3).data().toString(), QStringLiteral("Learner 1, \"L\""));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    QVERIFY(messageText(wizard, QStringLiteral("checkMessage")).contains(QStringLiteral("no problems")));
    QTest::keyClick(wizard->focusWidget(), Qt::Key_Return);
    QCOMPARE(wizard->currentId(), int(ImportWizard::SummaryPage));

    QCOMPARE(labelText(wizard, QStringLiteral("rowsValue")), QStringLiteral("120"));
    QVERIFY(labelText(wizard, QStringLiteral("transactionsValue")).startsWith(QString::number(nonZero)));
    QCOMPARE(labelText(wizard, QStringLiteral("usersValue")),
             QStringLiteral("120, of whom 118 new (created from the file)"));
    QCOMPARE(labelText(wizard, QStringLiteral("totalBeforeValue")), QLocale().toString(grand));
    QVERIFY(labelText(wizard, QStringLiteral("totalAfterValue"))
                .startsWith(QLocale().toString(grand) + QStringLiteral(" (equal")));
    QVERIFY(labelText(wizard, QStringLiteral("batchValue")).startsWith(batch));
    QCOMPARE(wizard->findChild<QTableView *>(QStringLiteral("effectsTable"))->model()->rowCount(), 120);
    snap(wizard, QStringLiteral("summary"));
    QVERIFY(wizard->currentPage()->isComplete());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), 0); // a dry run so far
    QTest::keyClick(wizard->focusWidget(), Qt::Key_Return);

    QCOMPARE(wizard->currentId(), int(ImportWizard::ConfirmPage));
    QCOMPARE(wizard->findChild<ImportConfirmPage *>()->sentence(),
             QStringLiteral("Write %1 transactions for 120 users (batch %2)? This is one transaction: all or nothing.")
                 .arg(nonZero)
                 .arg(batch));
    snap(wizard, QStringLiteral("confirm"));
    QTest::keyClick(wizard->focusWidget(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ImportWizard::ResultPage), 60000);
    snap(wizard, QStringLiteral("result"));
    const QString result = wizard->findChild<ImportResultPage *>()->resultText();
    QVERIFY2(
        result.contains(QStringLiteral("Imported: %1 transactions for 120 users, in batch %2").arg(nonZero).arg(batch)),
        qPrintable(result));
    QVERIFY(result.contains(QStringLiteral("Ledger total after: %1").arg(QLocale().toString(grand))));
    QVERIFY(!wizard->button(QWizard::BackButton)->isVisible());
    QVERIFY(!changed.isEmpty()); // the views were told

    // The database: every user's total is the file's, the grand total too, one row per non-zero total.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\"")), nonZero);
    QCOMPARE(scalar(QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\"")), grand);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = :b"),
                    {{QStringLiteral(":b"), batch}}),
             nonZero);
    auto rows = m_db->run(QStringLiteral("SELECT u.\"id\", COALESCE(p.\"totalXP\", 0) FROM \"User\" u LEFT JOIN "
                                         "\"UserProfile\" p ON p.\"userId\" = u.\"id\""));
    QVERIFY(rows);
    int users = 0;
    while (rows->next()) {
        QVERIFY2(expected.contains(rows->text(0)), qPrintable(rows->text(0)));
        QCOMPARE(rows->integer(1), expected.value(rows->text(0)));
        ++users;
    }
    QCOMPARE(users, 120);
    QTest::keyClick(wizard->focusWidget(), Qt::Key_Return); // Finish
    QTRY_VERIFY(!wizard->isVisible());
}

void TestImportWizard::everyProblemIsListedWithItsLineAndNextStaysDisabled()
{
    const QString path = writeFile(QStringLiteral("bad.csv"),
                                   "userId,totalXP\n"
                                   "alice,100\n"
                                   "bob,abc\n"
                                   "ghost,50\n"
                                   "alice,20\n"
                                   "carol,10,extra\n"
                                   "\n"
                                   "dave,99999999999\n");
    const QString before = snapshot();
    ImportWizard *wizard = openWizard();
    choose(wizard, QStringLiteral("legacyKind"), path);
    clickNext(wizard);
    QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));
    const auto *problems = wizard->findChild<QTableView *>(QStringLiteral("problemsTable"));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->dryRun()->isFinished(), 30000);
    QTRY_VERIFY(problems->isVisible());

    // Every problem, in line order, each naming the offending value.
    const QList<std::pair<qint64, QString>> expected{{3, QStringLiteral("abc")},
                                                     {4, QStringLiteral("ghost")},
                                                     {5, QStringLiteral("line 2")},
                                                     {6, QString()},
                                                     {8, QStringLiteral("99999999999")}};
    QCOMPARE(problems->model()->rowCount(), expected.size());
    for (int row = 0; row < expected.size(); ++row) {
        const QModelIndex line = problems->model()->index(row, ImportProblemModel::Line);
        const QString message = problems->model()->index(row, ImportProblemModel::Problem).data().toString();
        QCOMPARE(line.data(ImportProblemModel::RawValueRole).toLongLong(), expected.at(row).first);
        QCOMPARE(line.data().toLongLong(), expected.at(row).first);
        QVERIFY2(message.contains(expected.at(row).second), qPrintable(message));
    }
    QCOMPARE(labelText(wizard, QStringLiteral("problemsCaption")), QStringLiteral("5 problems"));
    QVERIFY(messageText(wizard, QStringLiteral("checkMessage"))
                .startsWith(QStringLiteral("Nothing will be changed until the file is fixed")));
    // The rows with problems are marked in the preview, with the problem as tool tip.
    const auto *preview = wizard->findChild<QTableView *>(QStringLiteral("previewTable"));
    QCOMPARE(preview->model()->rowCount(), 6);
    QVERIFY(preview->model()->index(1, 0).data(Qt::BackgroundRole).isValid()); // line 3
    QVERIFY(preview->model()->index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("abc")));
    QVERIFY(!preview->model()->index(0, 0).data(Qt::BackgroundRole).isValid()); // line 2 is fine
    snap(wizard, QStringLiteral("preview-problems"));

    // Next cannot be pressed, by mouse or by key.
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QTest::keyClick(wizard, Qt::Key_Return);
    QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));
    QCOMPARE(snapshot(), before);

    // Fixed in place, then checked again: the way opens.
    writeFile(QStringLiteral("bad.csv"), "userId,totalXP\nalice,100\nbob,7\n");
    QTest::mouseClick(wizard->findChild<QAbstractButton *>(QStringLiteral("checkAgainButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 30000);
    QVERIFY(!problems->isVisible());
    QCOMPARE(preview->model()->rowCount(), 2);
    QCOMPARE(snapshot(), before);
}

void TestImportWizard::sameFileAgainSaysAlreadyImported()
{
    const QString path = writeFile(QStringLiteral("once.csv"), "userId,totalXP\nalice,300\nbob,-20\n");
    ImportWizard *first = openWizard();
    choose(first, QStringLiteral("legacyKind"), path);
    clickNext(first);
    QTRY_VERIFY_WITH_TIMEOUT(first->currentPage()->isComplete(), 30000);
    clickNext(first);
    importFromSummary(first);
    QVERIFY(
        first->findChild<ImportResultPage *>()->resultText().startsWith(QStringLiteral("Imported: 2 transactions")));
    first->close();
    const QString after = snapshot();

    ImportWizard *again = openWizard();
    // The wizard remembers the kind and the file.
    QVERIFY(again->findChild<QRadioButton *>(QStringLiteral("legacyKind"))->isChecked());
    QCOMPARE(again->findChild<QLineEdit *>(QStringLiteral("fileEdit"))->text(), QFileInfo(path).absoluteFilePath());
    clickNext(again);
    QTRY_VERIFY_WITH_TIMEOUT(again->dryRun()->isFinished(), 30000);
    QVERIFY(
        messageText(again, QStringLiteral("checkMessage")).startsWith(QStringLiteral("This file was imported before")));
    clickNext(again);
    QCOMPARE(again->currentId(), int(ImportWizard::SummaryPage));
    const QString message = messageText(again, QStringLiteral("summaryMessage"));
    QVERIFY2(message.startsWith(QStringLiteral("Already imported")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("cannot be applied")));
    QVERIFY(message.contains(again->dryRun()->report()->batchId));
    QVERIFY(!again->button(QWizard::NextButton)->isEnabled());
    snap(again, QStringLiteral("already-imported"));
    QCOMPARE(snapshot(), after);
}

void TestImportWizard::cancelWhileWritingLeavesTheDatabaseUnchanged()
{
    // Big enough that the writing lasts a while: 50,000 new users with their totals.
    QByteArray csv = "userId,totalXP,email,name\n";
    csv.reserve(3 * 1024 * 1024);
    for (int i = 1; i <= 50000; ++i)
        csv += QStringLiteral("big-%1,%2,big%1@example.com,Big %1\n").arg(i).arg(i % 997 + 1).toUtf8();
    const QString path = writeFile(QStringLiteral("big.csv"), csv);
    const QString before = snapshot();

    ImportWizard *wizard = openWizard();
    choose(wizard, QStringLiteral("legacyKind"), path);
    clickNext(wizard);
    // The window does not wait for the check: the first rows are there, the check goes on.
    QCOMPARE(wizard->findChild<QTableView *>(QStringLiteral("previewTable"))->model()->rowCount(), 50);
    QVERIFY(wizard->dryRun()->isRunning());
    QVERIFY(wizard->findChild<ImportProgressPanel *>(QStringLiteral("checkProgress"))->isVisible());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 60000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 60000);
    QCOMPARE(labelText(wizard, QStringLiteral("usersValue")),
             QStringLiteral("50,000, of whom 50,000 new (created from the file)"));
    clickNext(wizard);
    clickNext(wizard); // Import
    QCOMPARE(wizard->currentId(), int(ImportWizard::RunPage));
    const auto *progress = wizard->findChild<ImportProgressPanel *>(QStringLiteral("runProgress"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->statusText().startsWith(QStringLiteral("Writing: ")), 60000);
    snap(wizard, QStringLiteral("progress"));
    QVERIFY2(progress->statusText().contains(QStringLiteral(" of 100,000 rows")), qPrintable(progress->statusText()));
    QTest::keyClick(wizard, Qt::Key_Escape); // cancels; the wizard stays to say so
    QVERIFY(wizard->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ImportWizard::ResultPage), 60000);
    const QString result = wizard->findChild<ImportResultPage *>()->resultText();
    QVERIFY2(result.startsWith(QStringLiteral("The import was cancelled. Nothing was changed")), qPrintable(result));
    snap(wizard, QStringLiteral("cancelled"));
    QCOMPARE(snapshot(), before);
    QTest::keyClick(wizard, Qt::Key_Escape);
    QTRY_VERIFY(!wizard->isVisible());
}

void TestImportWizard::escapeClosesTheWizardWhenNothingRuns()
{
    ImportWizard *wizard = openWizard();
    QSignalSpy rejected(wizard, &QDialog::rejected);
    QTest::keyClick(wizard, Qt::Key_Escape);
    QCOMPARE(rejected.size(), 1);
    QTRY_VERIFY(!wizard->isVisible());
}

QTEST_MAIN(TestImportWizard)
#include "TestImportWizard.moc"
