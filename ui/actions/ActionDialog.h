#pragma once

#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"

#include <QDialog>

#include <functional>
#include <optional>

class InlineMessage;
class LedgerSession;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

// The frame shared by the ledger action dialogs: a title and explanation, the dialog's own
// fields, a band for errors, and Cancel / confirm. Confirming runs the change on the session's
// worker; on success the dialog emits applied() and closes, on failure it shows why in words and
// stays open with everything the person typed.
class ActionDialog : public QDialog
{
    Q_OBJECT

public:
    ~ActionDialog() override;

    // What the confirmed change did, once it committed.
    const std::optional<LedgerChange> &change() const { return m_change; }
    bool isSubmitting() const { return m_submitting; }
    QPushButton *confirmButton() const { return m_confirm; }
    // The band that shows why the change failed (hidden when there is nothing to say).
    InlineMessage *errorMessage() const { return m_error; }
    // Closing is ignored while the change is being saved: its outcome must be seen.
    void reject() override;
    // Why the connected role may not make this change (RoleIndicator::refusal), or empty. A refused
    // dialog still shows what the change would do, says why at the top, and cannot be confirmed.
    void setRefusal(const QString &refusal);
    QString refusal() const { return m_refusal; }
    // The band that shows the refusal.
    InlineMessage *refusalMessage() const { return m_refusalMessage; }

signals:
    // The change committed; emitted once, just before the dialog closes.
    void applied(const LedgerChange &change);
    void submittingChanged(bool submitting);

protected:
    ActionDialog(LedgerSession *session, QWidget *parent);

    LedgerSession *session() const { return m_session; }
    void setHeading(const QString &title, const QString &explanation);
    // A bold label of the dialog's own: a section's heading, or a field's name.
    QLabel *sectionLabel(const QString &text);
    // The dialog's own fields go here, between the heading and the error band.
    QVBoxLayout *contentLayout() const { return m_contentLayout; }
    // Whether the change may be confirmed now; subclasses call it whenever their state changes.
    void setConfirmable(bool confirmable);
    void setConfirmText(const QString &text);
    // The confirm button's own tooltip (a refusal takes its place while there is one).
    void setConfirmToolTip(const QString &tip);
    // Called when the person confirms (button, Enter in a single-line field, Ctrl+Return).
    virtual void confirm() = 0;
    // Runs the change; `what` names it in an error ("The adjustment was not saved").
    void submit(std::function<Result<LedgerChange>(Ledger &)> operation, const QString &what);
    void showError(const QString &text);
    void clearError();

private:
    void setSubmitting(bool submitting);
    void refreshConfirm();

    LedgerSession *m_session;
    QLabel *m_title;
    QLabel *m_explanation;
    InlineMessage *m_refusalMessage;
    QWidget *m_content;
    QVBoxLayout *m_contentLayout;
    InlineMessage *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_confirm;
    QString m_refusal;
    QString m_confirmTip;
    bool m_confirmable = false;
    bool m_submitting = false;
    std::optional<LedgerChange> m_change;
};
