#include "core/ledger/Ledger.h"
#include "models/RemovedModel.h"
#include "tests/actions/ActionFixture.h"
#include "ui/actions/DeleteSourceDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/actions/RestoreDialog.h"
#include "ui/actions/RollbackDialog.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"

#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

// What the ledger would refuse, each action dialog says before the click: the button stays off
// and the message says why, in the dialog, while the ledger (asked independently) refuses the
// same change.
class TestActionPredictions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void rollbackOfARowRemovedElsewhereIsRefusedOnOpen();
    void rollbackPastTheTotalLimitIsRefused();
    void deleteSourceNeedsAnIdAndTransactions();
    void restoreOfARowRestoredElsewhereIsRefused();
    void restoreOfAnUnreadableRecordIsRefused();
    void restoreForAUserNoLongerThereIsRefused();

private:
    template<typename Dialog>
    Dialog *shownDialog();
    void typeReason(QDialog *dialog, const QString &reason);
    // Opens the restore dialog for everyone and selects its first row.
    RestoreDialog *restoreWithFirstRowSelected();
    InlineMessage *message(QDialog *dialog, const QString &name);
    bool ledgerRefuses(const Result<LedgerChange> &change);

    std::unique_ptr<ActionFixture> m_fx;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<LedgerActions> m_actions;
    XpTransaction m_alice;
    XpTransaction m_bob;
};

void TestActionPredictions::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestActionPredictions::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_fx = std::make_unique<ActionFixture>(spec, std::move(db));
    QVERIFY(m_fx->addUser(QStringLiteral("alice"), QStringLiteral("Alice Martin")));
    QVERIFY(m_fx->addUser(QStringLiteral("bob"), QStringLiteral("Bob Stone")));
    m_alice = m_fx->award(QStringLiteral("alice"), 100, QStringLiteral("attempt-1"));
    m_bob = m_fx->award(QStringLiteral("bob"), 40, QStringLiteral("attempt-2"));
    QVERIFY(!m_alice.id.isEmpty() && !m_bob.id.isEmpty());
    m_stack = std::make_unique<QUndoStack>();
    m_actions = std::make_unique<LedgerActions>(m_fx->session(), m_stack.get(), m_fx->window());
}

void TestActionPredictions::cleanup()
{
    m_actions.reset();
    m_stack.reset();
    m_fx.reset();
}

template<typename Dialog>
Dialog *TestActionPredictions::shownDialog()
{
    auto *dialog = qobject_cast<Dialog *>(m_actions->lastDialog());
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        qWarning("the dialog was not exposed");
    return dialog;
}

void TestActionPredictions::typeReason(QDialog *dialog, const QString &reason)
{
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")), reason);
}

InlineMessage *TestActionPredictions::message(QDialog *dialog, const QString &name)
{
    return dialog->findChild<InlineMessage *>(name);
}

bool TestActionPredictions::ledgerRefuses(const Result<LedgerChange> &change)
{
    return !change.ok();
}

RestoreDialog *TestActionPredictions::restoreWithFirstRowSelected()
{
    m_actions->restore(QString());
    auto *dialog = shownDialog<RestoreDialog>();
    if (!dialog)
        return nullptr;
    RemovedModel *model = dialog->removedModel();
    if (!QTest::qWaitFor([model] { return !model->isLoading() && model->rowCount() > 0; }, 20000))
        return nullptr;
    QTableView *table = dialog->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(0, 1)).center());
    typeReason(dialog, QStringLiteral("Customer was right"));
    return dialog;
}

void TestActionPredictions::rollbackOfARowRemovedElsewhereIsRefusedOnOpen()
{
    // Another desk rolled it back; this desk's history still shows it.
    QVERIFY(Ledger(m_fx->db()).rollback({m_alice.id}, QStringLiteral("duplicate")).ok());
    m_actions->rollback({m_alice, m_bob});
    auto *dialog = shownDialog<RollbackDialog>();
    QVERIFY(dialog);
    typeReason(dialog, QStringLiteral("duplicates"));
    InlineMessage *status = message(dialog, QStringLiteral("effectMessage"));
    QTRY_VERIFY(dialog->isEffectKnown());
    QVERIFY(status->isVisible());
    QCOMPARE(status->kind(), InlineMessage::Kind::Error);
    QVERIFY2(status->text().contains(QStringLiteral("no longer in the ledger")), qPrintable(status->text()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(ledgerRefuses(Ledger(m_fx->db()).rollback({m_alice.id, m_bob.id}, QStringLiteral("duplicates"))));
    dialog->close();
    QCOMPARE(m_fx->present({m_bob.id}), 1);
}

void TestActionPredictions::rollbackPastTheTotalLimitIsRefused()
{
    // 2,147,483,647 in all: taking the -1 away would pass the 32-bit limit.
    QVERIFY(!m_fx->award(QStringLiteral("bob"), 2147483647 - 40, QStringLiteral("jackpot")).id.isEmpty());
    const XpTransaction minus = m_fx->award(QStringLiteral("bob"), -1, QStringLiteral("penalty"));
    QVERIFY(!m_fx->award(QStringLiteral("bob"), 1, QStringLiteral("bonus")).id.isEmpty());
    QCOMPARE(m_fx->cachedTotal(QStringLiteral("bob")), 2147483647);
    m_actions->rollback({minus});
    auto *dialog = shownDialog<RollbackDialog>();
    QVERIFY(dialog);
    typeReason(dialog, QStringLiteral("penalty was wrong"));
    QTRY_VERIFY(dialog->isEffectKnown());
    InlineMessage *status = message(dialog, QStringLiteral("effectMessage"));
    QCOMPARE(status->kind(), InlineMessage::Kind::Error);
    QVERIFY2(status->text().contains(QStringLiteral("past the limit")), qPrintable(status->text()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(ledgerRefuses(Ledger(m_fx->db()).rollback({minus.id}, QStringLiteral("penalty was wrong"))));
    dialog->close();
}

void TestActionPredictions::deleteSourceNeedsAnIdAndTransactions()
{
    m_actions->deleteSource(std::nullopt);
    auto *dialog = shownDialog<DeleteSourceDialog>();
    QVERIFY(dialog);
    typeReason(dialog, QStringLiteral("the quiz was withdrawn"));
    // No id: the field says so, under it.
    QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
    auto *note = dialog->findChild<FieldNote *>(QStringLiteral("sourceIdNote"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->error().contains(QStringLiteral("source id")), qPrintable(note->error()));
    QVERIFY(!dialog->confirmButton()->isEnabled());

    // An id no transaction has: said before the click, as the ledger would say it after.
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sourceIdEdit")), QStringLiteral("attempt-99"));
    QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->preview().has_value());
    InlineMessage *status = message(dialog, QStringLiteral("previewMessage"));
    QVERIFY(status->isVisible());
    QCOMPARE(status->kind(), InlineMessage::Kind::Error);
    QVERIFY2(status->text().contains(QStringLiteral("nothing to delete")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("attempt-99")), qPrintable(status->text()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(ledgerRefuses(Ledger(m_fx->db())
                              .deleteSource(dialog->sourceType(), QStringLiteral("attempt-99"),
                                            QStringLiteral("the quiz was withdrawn"))));

    // A source that has them: the refusal goes.
    QLineEdit *id = dialog->findChild<QLineEdit *>(QStringLiteral("sourceIdEdit"));
    id->clear();
    QTest::keyClicks(id, QStringLiteral("attempt-2"));
    QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->confirmButton()->isEnabled());
    QVERIFY(!status->isVisible());
    dialog->close();
}

void TestActionPredictions::restoreOfARowRestoredElsewhereIsRefused()
{
    QVERIFY(Ledger(m_fx->db()).rollback({m_alice.id}, QStringLiteral("duplicate")).ok());
    m_actions->restore(QString());
    auto *dialog = shownDialog<RestoreDialog>();
    QVERIFY(dialog);
    RemovedModel *model = dialog->removedModel();
    QTRY_VERIFY(!model->isLoading() && model->rowCount() == 1);
    // Another desk puts it back while this list is open.
    QVERIFY(Ledger(m_fx->db()).restore({m_alice.id}, QStringLiteral("not a duplicate")).ok());
    QTableView *table = dialog->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(0, 1)).center());
    typeReason(dialog, QStringLiteral("Customer was right"));
    InlineMessage *status = message(dialog, QStringLiteral("listMessage"));
    QTRY_VERIFY2(status->text().contains(QStringLiteral("restored by someone else")), qPrintable(status->text()));
    QCOMPARE(status->kind(), InlineMessage::Kind::Error);
    // The list is read again: the row is gone from it.
    QTRY_VERIFY(!model->isLoading() && model->rowCount() == 0);
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(status->text().contains(QStringLiteral("restored by someone else")));
    QVERIFY(ledgerRefuses(Ledger(m_fx->db()).restore({m_alice.id}, QStringLiteral("Customer was right"))));
    dialog->close();
}

void TestActionPredictions::restoreOfAnUnreadableRecordIsRefused()
{
    QVERIFY(Ledger(m_fx->db()).rollback({m_alice.id}, QStringLiteral("duplicate")).ok());
    // A snapshot damaged by hand (the chain now fails verify, but the list still shows the row).
    QVERIFY(m_fx->db().run(
        QStringLiteral("UPDATE %1 SET snapshot = 'not json' WHERE action = 'rollback'").arg(m_fx->auditTable())));
    RestoreDialog *dialog = restoreWithFirstRowSelected();
    QVERIFY(dialog);
    QCOMPARE(dialog->selectedIds(), QStringList{m_alice.id});
    InlineMessage *status = message(dialog, QStringLiteral("listMessage"));
    QTRY_VERIFY2(status->text().contains(QStringLiteral("cannot be read")), qPrintable(status->text()));
    QCOMPARE(status->kind(), InlineMessage::Kind::Error);
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(ledgerRefuses(Ledger(m_fx->db()).restore({m_alice.id}, QStringLiteral("Customer was right"))));
    dialog->close();
}

void TestActionPredictions::restoreForAUserNoLongerThereIsRefused()
{
    QVERIFY(Ledger(m_fx->db()).rollback({m_bob.id}, QStringLiteral("duplicate")).ok());
    // Bob has no transaction left, and is deleted (his profile goes with him).
    QVERIFY(m_fx->db().run(QStringLiteral("DELETE FROM \"User\" WHERE \"id\" = 'bob'")));
    RestoreDialog *dialog = restoreWithFirstRowSelected();
    QVERIFY(dialog);
    QCOMPARE(dialog->selectedIds(), QStringList{m_bob.id});
    InlineMessage *status = message(dialog, QStringLiteral("listMessage"));
    QTRY_VERIFY2(status->text().contains(QStringLiteral("no longer in the ledger (bob)")), qPrintable(status->text()));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(ledgerRefuses(Ledger(m_fx->db()).restore({m_bob.id}, QStringLiteral("Customer was right"))));
    dialog->close();
}

QTEST_MAIN(TestActionPredictions)
#include "TestActionPredictions.moc"
