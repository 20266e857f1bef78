#include "tests/support/TestBackend.h"

#include "core/import/ImportJob.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/CsvPreviewModel.h"
#include "models/ImportProblemModel.h"
#include "ui/actions/InlineMessage.h"
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
// the pages read; the database checked with independent SQL.
class TestImportWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void goodLegacyFileImportsByKeyboardAndTotalsEqualTheFile();
    void everyProblemIsListedWithItsLineAndNextStaysDisabled();
    void sameFileAgainSaysAlreadyImported();
    void cancelWhileWritingLeavesTheDatabaseUnchanged();
    void profileTotalsBecomeTransactions();
    void bulkAdjustmentsShowEachUsersChange();
    void bulkAdjustmentsAboveTheThresholdWaitForApproval();
    void escapeClosesTheWizardWhenNothingRuns();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    ImportWizard *openWizard();
    void choose(ImportWizard *wizard, const QString &kindButton, const QString &path);
    void clickNext(ImportWizard *wizard);
    // Runs a wizard from the summary page to the result page, by mouse.
    void importFromSummary(ImportWizard *wizard);
    // Counts and sums that change with any write.
    QString snapshot();
    qint64 scalar(const QString &sql, const Bindings &bindings = {});
    QString messageText(ImportWizard *wizard, const QString &name);
    QString labelText(ImportWizard *wizard, const QString &name);
    // With XPADMIN_IMPORT_SCREENSHOTS=DIR, a picture of the wizard as it is now.
    void snap(ImportWizard *wizard, const QString &name);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<QWidget> m_window;
    QTemporaryDir m_dir;
};

void TestImportWizard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-import-wizard"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestImportWizard::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    m_window = std::make_unique<QWidget>();
    m_window->resize(1000, 800);
    m_window->show();
    QVERIFY(Users(*m_db).add(QStringLiteral("alice"), QStringLiteral("alice@example.com"), QStringLiteral("Alice")));
    QVERIFY(Users(*m_db).add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob")));
}

void TestImportWizard::cleanup()
{
    if (m_db)
        QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    m_window.reset(); // the wizards first: they cancel what they run
    m_session.reset();
    m_db.reset();
}

QString TestImportWizard::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

qint64 TestImportWizard::scalar(const QString &sql, const Bindings &bindings)
{
    const QVariant value = TestBackend::scalar(*m_db, sql, bindings);
    if (!value.isValid())
        qFatal("query failed: %s", qPrintable(sql));
    return value.toLongLong();
}

QString TestImportWizard::snapshot()
{
    const Dialect &d = m_db->dialect();
    return QStringList{
        QString::number(scalar(QStringLiteral("SELECT count(*) FROM \"User\""))),
        QString::number(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\""))),
        QString::number(scalar(QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\""))),
        QString::number(scalar(QStringLiteral("SELECT count(*) FROM \"UserProfile\""))),
        QString::number(
            scalar(QStringLiteral("SELECT count(*) FROM %1").arg(d.ownTable(QStringLiteral("audit_event"))))),
        QString::number(
            scalar(QStringLiteral("SELECT count(*) FROM %1").arg(d.ownTable(QStringLiteral("import_batch"))))),
    }
        .join(QLatin1Char(' '));
}

ImportWizard *TestImportWizard::openWizard()
{
    auto *wizard = new ImportWizard(m_session.get(), m_window.get());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->show();
    QApplication::setActiveWindow(wizard);
    if (!QTest::qWaitForWindowActive(wizard))
        qWarning("wizard not active");
    return wizard;
}

void TestImportWizard::choose(ImportWizard *wizard, const QString &kindButton, const QString &path)
{
    auto *kind = wizard->findChild<QRadioButton *>(kindButton);
    QVERIFY(kind);
    // On the indicator: the button is as wide as the page, its label is not.
    QTest::mouseClick(kind, Qt::LeftButton, {}, QPoint(8, kind->height() / 2));
    QVERIFY(kind->isChecked());
    auto *file = wizard->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
    QVERIFY(file);
    file->clear();
    if (!path.isEmpty())
        QTest::keyClicks(file, path);
}

void TestImportWizard::clickNext(ImportWizard *wizard)
{
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    if (!next->isVisible())
        next = wizard->button(QWizard::CommitButton);
    QVERIFY(next->isVisible());
    QVERIFY(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
}

QString TestImportWizard::messageText(ImportWizard *wizard, const QString &name)
{
    const auto *message = wizard->findChild<InlineMessage *>(name);
    return message && message->isVisible() ? message->text() : QString();
}

QString TestImportWizard::labelText(ImportWizard *wizard, const QString &name)
{
    const auto *label = wizard->findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

void TestImportWizard::snap(ImportWizard *wizard, const QString &name)
{
    const QString dir = qEnvironmentVariable("XPADMIN_IMPORT_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(200); // let the progress panel and layouts settle
    QVERIFY(wizard->grab().save(QDir(dir).filePath(QStringLiteral("import-%1-%2.png").arg(name, TestBackend::name()))));
}

void TestImportWizard::importFromSummary(ImportWizard *wizard)
{
    QCOMPARE(wizard->currentId(), int(ImportWizard::SummaryPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    clickNext(wizard);
    QCOMPARE(wizard->currentId(), int(ImportWizard::ConfirmPage));
    clickNext(wizard); // Import
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ImportWizard::ResultPage), 60000);
}

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

void TestImportWizard::profileTotalsBecomeTransactions()
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

void TestImportWizard::bulkAdjustmentsShowEachUsersChange()
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

void TestImportWizard::bulkAdjustmentsAboveTheThresholdWaitForApproval()
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
