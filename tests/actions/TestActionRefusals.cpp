#include "tests/actions/ActionFixture.h"
#include "ui/actions/ActionDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/common/InlineMessage.h"

#include <QPushButton>
#include <QTest>
#include <QUndoStack>

// What the role refuses, each action dialog says when it opens, not after the click.
class TestActionRefusals final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void refusedActionsSayWhyWhenTheyOpen();
    void aRoleReadLaterReachesTheOpenDialog();

private:
    ActionDialog *openedDialog();

    std::unique_ptr<ActionFixture> m_fx;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<LedgerActions> m_actions;
    XpTransaction m_row;
};

void TestActionRefusals::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_fx = std::make_unique<ActionFixture>(spec, std::move(db));
    QVERIFY(m_fx->addUser(QStringLiteral("alice"), QStringLiteral("Alice Martin")));
    m_row = m_fx->award(QStringLiteral("alice"), 40, QStringLiteral("attempt-1"));
    QVERIFY(!m_row.id.isEmpty());
    m_stack = std::make_unique<QUndoStack>();
    m_actions = std::make_unique<LedgerActions>(m_fx->session(), m_stack.get(), m_fx->window());
    // A support person: may adjust, may not roll back, delete a source or restore.
    m_actions->setRefusalSource([](Action action) {
        return action == Action::Adjust
            ? QString()
            : QStringLiteral("Your database role xpadmin_support may not %1").arg(Permissions::phrase(action));
    });
}

void TestActionRefusals::cleanup()
{
    m_actions.reset();
    m_stack.reset();
    m_fx.reset();
}

ActionDialog *TestActionRefusals::openedDialog()
{
    auto *dialog = qobject_cast<ActionDialog *>(m_actions->lastDialog());
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        qWarning("the dialog was not exposed");
    return dialog;
}

void TestActionRefusals::refusedActionsSayWhyWhenTheyOpen()
{
    m_actions->rollback({m_row});
    ActionDialog *rollback = openedDialog();
    QVERIFY(rollback);
    QVERIFY(rollback->refusalMessage()->isVisible());
    QCOMPARE(rollback->refusalMessage()->kind(), InlineMessage::Kind::Error);
    QVERIFY2(rollback->refusalMessage()->text().contains(Permissions::phrase(Action::Rollback)),
             qPrintable(rollback->refusalMessage()->text()));
    QVERIFY(!rollback->confirmButton()->isEnabled());
    QVERIFY(rollback->confirmButton()->toolTip().contains(QStringLiteral("xpadmin_support")));
    rollback->close();

    m_actions->deleteSource(m_row);
    ActionDialog *deleteSource = openedDialog();
    QVERIFY(deleteSource && deleteSource != rollback);
    QVERIFY(deleteSource->refusalMessage()->isVisible());
    QVERIFY(!deleteSource->confirmButton()->isEnabled());
    deleteSource->close();

    m_actions->restore(QStringLiteral("alice"));
    ActionDialog *restore = openedDialog();
    QVERIFY(restore && restore->refusalMessage()->isVisible());
    restore->close();

    m_actions->adjust(QStringLiteral("alice"));
    ActionDialog *adjust = openedDialog();
    QVERIFY(adjust);
    QVERIFY(!adjust->refusalMessage()->isVisible());
    QVERIFY(adjust->refusal().isEmpty());
    adjust->close();
    QCOMPARE(m_fx->present({m_row.id}), 1);
}

void TestActionRefusals::aRoleReadLaterReachesTheOpenDialog()
{
    bool known = false;
    m_actions->setRefusalSource(
        [&known](Action) { return known ? QString() : QStringLiteral("Reading what your role may do…"); });
    m_actions->rollback({m_row});
    ActionDialog *dialog = openedDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->refusal(), QStringLiteral("Reading what your role may do…"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    known = true;
    m_actions->updateRefusals();
    QVERIFY(dialog->refusal().isEmpty());
    QVERIFY(!dialog->refusalMessage()->isVisible());
    dialog->close();
}

QTEST_MAIN(TestActionRefusals)
#include "TestActionRefusals.moc"
