#include "core/ledger/ApprovalGate.h"
#include "tests/actions/ActionFixture.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

// The Adjust XP dialog driven as a support person drives it: typed into, clicked, and checked
// against the database with independent SQL.
class TestAdjustDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheUserAndCurrentTotal();
    void adjustmentIsSavedAndTheTotalChanges();
    void badAmountIsRefusedInline_data();
    void badAmountIsRefusedInline();
    void emptyOrTooLongReasonIsRefusedInline();
    void resultPastTheLimitIsRefusedInline();
    void negativeResultWarnsBeforeConfirming();
    void chosenCategoryIsStored();
    void databaseErrorIsShownInTheDialog();
    void unknownUserCannotBeAdjusted();
    void categoriesReadAsWordsAndStoreTheirCode();
    void aboveTheThresholdSaysSoBeforeTheClick();
    void refusedRoleSaysSoBeforeTheClick();

private:
    AdjustDialog *openDialog(const QString &userId = QStringLiteral("alice"));
    QLineEdit *amountEdit(AdjustDialog *dialog) { return dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")); }
    QPlainTextEdit *reasonEdit(AdjustDialog *dialog)
    {
        return dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit"));
    }
    QString labelText(AdjustDialog *dialog, const QString &name)
    {
        const auto *label = dialog->findChild<QLabel *>(name);
        return label ? label->text() : QString();
    }
    // Tries every way to confirm a refused dialog, then lets any (wrongly) started work finish.
    void tryToConfirm(AdjustDialog *dialog);

    std::unique_ptr<ActionFixture> m_fx;
};

void TestAdjustDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAdjustDialog::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_fx = std::make_unique<ActionFixture>(spec, std::move(db));
    QVERIFY(m_fx->addUser(QStringLiteral("alice"), QStringLiteral("Alice Martin")));
    QVERIFY(m_fx->addUser(QStringLiteral("bob"), QString()));
    QVERIFY(!m_fx->award(QStringLiteral("alice"), 1000, QStringLiteral("attempt-1")).id.isEmpty());
    QVERIFY(!m_fx->award(QStringLiteral("alice"), 234, QStringLiteral("attempt-2")).id.isEmpty());
}

void TestAdjustDialog::cleanup()
{
    if (m_fx)
        QCOMPARE(TestBackend::usersWithWrongTotal(m_fx->db()), 0);
    m_fx.reset();
}

AdjustDialog *TestAdjustDialog::openDialog(const QString &userId)
{
    auto *dialog = new AdjustDialog(m_fx->session(), userId, m_fx->window());
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog))
        qWarning("the dialog was not exposed");
    return dialog;
}

void TestAdjustDialog::tryToConfirm(AdjustDialog *dialog)
{
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTest::keyClick(amountEdit(dialog), Qt::Key_Return);
    QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(m_fx->session()->interactive()->pendingJobs(), 0);
}

void TestAdjustDialog::showsTheUserAndCurrentTotal()
{
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QCOMPARE(labelText(dialog, QStringLiteral("userName")), QStringLiteral("Alice Martin"));
    const QString details = labelText(dialog, QStringLiteral("userDetails"));
    QVERIFY2(details.contains(QStringLiteral("alice@example.com")) && details.contains(QStringLiteral("id alice")),
             qPrintable(details));
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("categoryCombo"))->currentText(), QStringLiteral("Manual"));
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("categoryCombo"))->count(), 4);
    QVERIFY(!dialog->confirmButton()->isEnabled()); // nothing typed yet
    QCOMPARE(dialog->totalsText(), QStringLiteral("Current total: 1,234 -> Resulting total: \u2014"));
}

void TestAdjustDialog::adjustmentIsSavedAndTheTotalChanges()
{
    AdjustDialog *dialog = openDialog();
    QSignalSpy applied(dialog, &ActionDialog::applied);
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("50"));
    QCOMPARE(labelText(dialog, QStringLiteral("resultingTotal")), QStringLiteral("1,284"));
    QCOMPARE(dialog->totalsText(), QStringLiteral("Current total: 1,234 -> Resulting total: 1,284"));
    QVERIFY(!dialog->confirmButton()->isEnabled()); // the reason is still missing
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Goodwill for ticket 4711"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Adjust"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    QTRY_COMPARE(applied.count(), 1);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    const LedgerChange change = applied.first().first().value<LedgerChange>();
    QCOMPARE(change.totals.value(QStringLiteral("alice")), 1284);

    // The database has the row, and the cached total moved with it.
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1284);
    QCOMPARE(TestBackend::scalar(m_fx->db(),
                                 QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = 'alice' AND "
                                                "\"amount\" = 50 AND \"sourceType\" = 'MANUAL_ADJUSTMENT' AND "
                                                "\"category\" = 'MANUAL' AND \"description\" = 'Goodwill for ticket "
                                                "4711'"))
                 .toLongLong(),
             1);
    QCOMPARE(m_fx->auditCount(QStringLiteral("adjust"), change.rows.first().id), 1);

    // The next dialog for her shows the new total.
    AdjustDialog *again = openDialog();
    QTRY_COMPARE(labelText(again, QStringLiteral("currentTotal")), QStringLiteral("1,284"));
}

void TestAdjustDialog::badAmountIsRefusedInline_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("error");
    QTest::newRow("letters") << QStringLiteral("abc") << QStringLiteral("is not a whole number");
    QTest::newRow("zero") << QStringLiteral("0") << QStringLiteral("must not be 0");
    QTest::newRow("empty") << QString() << QStringLiteral("Enter the amount");
    QTest::newRow("past 32 bits") << QStringLiteral("2147483648") << QStringLiteral("out of range");
    QTest::newRow("far past 32 bits") << QStringLiteral("99999999999") << QStringLiteral("out of range");
    QTest::newRow("below 32 bits") << QStringLiteral("-2147483649") << QStringLiteral("out of range");
    QTest::newRow("fraction") << QStringLiteral("12.5") << QStringLiteral("is not a whole number");
    QTest::newRow("exponent") << QStringLiteral("1e3") << QStringLiteral("is not a whole number");
}

void TestAdjustDialog::badAmountIsRefusedInline()
{
    QFETCH(QString, typed);
    QFETCH(QString, error);
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Ticket 12"));
    if (typed.isEmpty()) {
        QTest::keyClicks(amountEdit(dialog), QStringLiteral("5"));
        QTest::keyClick(amountEdit(dialog), Qt::Key_Backspace);
    } else {
        QTest::keyClicks(amountEdit(dialog), typed);
    }
    const auto *note = dialog->findChild<FieldNote *>(QStringLiteral("amountNote"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->error().contains(error), qPrintable(note->error()));
    QCOMPARE(note->text(), note->error()); // shown under the field
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QCOMPARE(labelText(dialog, QStringLiteral("resultingTotal")), QStringLiteral("\u2014"));

    tryToConfirm(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->errorMessage()->isVisible()); // refused at the field, not by the database
    QCOMPARE(m_fx->rowsOf(QStringLiteral("alice")), 2);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1234);
    QCOMPARE(m_fx->auditCount(QStringLiteral("adjust")), 0);
}

void TestAdjustDialog::emptyOrTooLongReasonIsRefusedInline()
{
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("50"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    const auto *note = dialog->findChild<FieldNote *>(QStringLiteral("reasonNote"));
    QVERIFY(!note->hasError()); // not scolded before typing

    // Blank is no reason.
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("   "));
    QVERIFY2(note->error().contains(QStringLiteral("required")), qPrintable(note->error()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    tryToConfirm(dialog);

    // Past the limit, with the counter saying so.
    reasonEdit(dialog)->setPlainText(QString(1001, QLatin1Char('x')));
    QVERIFY2(note->error().contains(QStringLiteral("too long")), qPrintable(note->error()));
    QCOMPARE(labelText(dialog, QStringLiteral("reasonCounter")), QStringLiteral("1,001 / 1,000"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    tryToConfirm(dialog);

    QVERIFY(dialog->isVisible());
    QCOMPARE(m_fx->rowsOf(QStringLiteral("alice")), 2);
    QCOMPARE(m_fx->auditCount(QStringLiteral("adjust")), 0);

    reasonEdit(dialog)->setPlainText(QString(1000, QLatin1Char('x')));
    QVERIFY(!note->hasError());
    QVERIFY(dialog->confirmButton()->isEnabled());
}

void TestAdjustDialog::resultPastTheLimitIsRefusedInline()
{
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Ticket 12"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("2147483000")); // a valid amount, but 1,234 more is too much
    const auto *note = dialog->findChild<FieldNote *>(QStringLiteral("amountNote"));
    QVERIFY2(note->error().contains(QStringLiteral("2,147,484,234")), qPrintable(note->error()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    tryToConfirm(dialog);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1234);
}

void TestAdjustDialog::negativeResultWarnsBeforeConfirming()
{
    // -10,000 is above the approval threshold: switched off here, so that the change is applied.
    QVERIFY(ApprovalGate(m_fx->db()).setThreshold(std::nullopt));
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    const auto *warning = dialog->findChild<InlineMessage *>(QStringLiteral("negativeWarning"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("-1000"));
    QVERIFY(!warning->isVisible());
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("0")); // -10000
    QCOMPARE(labelText(dialog, QStringLiteral("resultingTotal")), QStringLiteral("-8,766"));
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QStringLiteral("negative")), qPrintable(warning->text()));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Adjust anyway"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Refund of a duplicated award"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), -8766);
}

void TestAdjustDialog::chosenCategoryIsStored()
{
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    auto *category = dialog->findChild<QComboBox *>(QStringLiteral("categoryCombo"));
    category->setFocus();
    QTest::keyClicks(category, QStringLiteral("Streak"));
    QCOMPARE(category->currentText(), QStringLiteral("Streak bonus"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("+25"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Streak lost to an outage"));
    QTest::keyClick(amountEdit(dialog), Qt::Key_Return); // Enter confirms too
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(TestBackend::scalar(m_fx->db(),
                                 QStringLiteral("SELECT \"category\" FROM \"UserXP\" WHERE \"userId\" = "
                                                "'alice' AND \"sourceType\" = 'MANUAL_ADJUSTMENT'"))
                 .toString(),
             QStringLiteral("STREAK_BONUS"));
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1259);
}

void TestAdjustDialog::databaseErrorIsShownInTheDialog()
{
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("50"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Ticket 99"));
    QVERIFY(m_fx->installFailingTrigger(QStringLiteral("INSERT"), QStringLiteral("the disk is full (test)")));

    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->errorMessage()->isVisible() && !dialog->isSubmitting());
    const QString error = dialog->errorMessage()->text();
    QVERIFY2(error.contains(QStringLiteral("The adjustment was not saved")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("the disk is full (test)")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Nothing was changed")), qPrintable(error));
    QCOMPARE(dialog->errorMessage()->kind(), InlineMessage::Kind::Error);
    // Still open, with what was typed, ready to try again.
    QVERIFY(dialog->isVisible());
    QCOMPARE(amountEdit(dialog)->text(), QStringLiteral("50"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QCOMPARE(m_fx->rowsOf(QStringLiteral("alice")), 2);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1234);
    QCOMPARE(m_fx->auditCount(QStringLiteral("adjust")), 0);

    QVERIFY(m_fx->dropFailingTrigger(QStringLiteral("INSERT")));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1284);
}

void TestAdjustDialog::unknownUserCannotBeAdjusted()
{
    AdjustDialog *dialog = openDialog(QStringLiteral("nobody"));
    QTRY_VERIFY(dialog->errorMessage()->isVisible());
    QVERIFY2(dialog->errorMessage()->text().contains(QStringLiteral("no user with id")),
             qPrintable(dialog->errorMessage()->text()));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("50"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Ticket 1"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
}

void TestAdjustDialog::categoriesReadAsWordsAndStoreTheirCode()
{
    AdjustDialog *dialog = openDialog();
    auto *category = dialog->findChild<QComboBox *>(QStringLiteral("categoryCombo"));
    QStringList texts;
    for (int i = 0; i < category->count(); ++i)
        texts << category->itemText(i);
    QCOMPARE(texts,
             (QStringList{QStringLiteral("Manual"), QStringLiteral("Correct answer"), QStringLiteral("Streak bonus"),
                          QStringLiteral("Achievement")}));
    for (const QString &code : XpEnums::categoryNames())
        QVERIFY2(!texts.contains(code) && !category->toolTip().contains(code), qPrintable(code));
    category->setCurrentIndex(3);
    QCOMPARE(dialog->category(), Category::Achievement);
}

void TestAdjustDialog::aboveTheThresholdSaysSoBeforeTheClick()
{
    QVERIFY(ApprovalGate(m_fx->db()).setThreshold(500));
    AdjustDialog *dialog = openDialog();
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    const auto *note = dialog->findChild<InlineMessage *>(QStringLiteral("approvalNote"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("500"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Bonus for the beta testers"));
    // At the threshold it is applied: nothing to say.
    QTRY_COMPARE(dialog->confirmButton()->text(), QStringLiteral("Adjust"));
    QVERIFY(!note->isVisible());
    QVERIFY(!dialog->needsApproval());
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("1")); // 5001
    QTRY_VERIFY(dialog->needsApproval()); // once the threshold is read
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().startsWith(QStringLiteral("This needs approval by an admin: it will be held, not applied.")),
             qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("500 XP")), qPrintable(note->text()));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Request approval"));
    // A deduction above it too.
    amountEdit(dialog)->setText(QStringLiteral("-600"));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Request approval"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    // Held, as the dialog said: the total is unchanged and the request waits.
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1234);
    QCOMPARE(m_fx->rowsOf(QStringLiteral("alice")), 2);
    QCOMPARE(m_fx->auditCount(QStringLiteral("adjust-request")), 1);
}

void TestAdjustDialog::refusedRoleSaysSoBeforeTheClick()
{
    AdjustDialog *dialog = openDialog();
    const QString refusal = QStringLiteral("Your role Auditor (advisory, chosen in the settings) may not adjust XP");
    dialog->setRefusal(refusal);
    QTRY_COMPARE(labelText(dialog, QStringLiteral("currentTotal")), QStringLiteral("1,234"));
    QTest::keyClicks(amountEdit(dialog), QStringLiteral("50"));
    QTest::keyClicks(reasonEdit(dialog), QStringLiteral("Ticket 7"));
    // Everything is filled in, and still the button says no, and why, before any click.
    QVERIFY(dialog->refusalMessage()->isVisible());
    QVERIFY2(dialog->refusalMessage()->text().startsWith(refusal + QLatin1Char('.')),
             qPrintable(dialog->refusalMessage()->text()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QCOMPARE(dialog->confirmButton()->toolTip(), refusal);
    tryToConfirm(dialog);
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("alice")), 1234);
    QCOMPARE(m_fx->auditCount(QStringLiteral("adjust")), 0);
    // Allowed again (the role was read anew): the dialog can be confirmed.
    dialog->setRefusal({});
    QVERIFY(!dialog->refusalMessage()->isVisible());
    QVERIFY(dialog->confirmButton()->isEnabled());
    QCOMPARE(dialog->confirmButton()->toolTip(), QStringLiteral("Save the adjustment (Enter or Ctrl+Return)"));
}

QTEST_MAIN(TestAdjustDialog)
#include "TestAdjustDialog.moc"
