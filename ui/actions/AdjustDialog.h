#pragma once

#include "core/limits/PersonLimits.h"
#include "core/users/UserRow.h"
#include "ui/actions/ActionDialog.h"

#include <optional>

class FieldNote;
class InlineMessage;
class QComboBox;
class QLabel;
class QLineEdit;
class ReasonCodeFields;
class ReasonField;

// Adjust XP (Ctrl+J): one manual change to one user's total, with the current and resulting
// total in plain view before it is confirmed. Bad input is refused next to the field.
class AdjustDialog final : public ActionDialog
{
    Q_OBJECT

public:
    AdjustDialog(LedgerSession *session, const QString &userId, QWidget *parent = nullptr);

    QString userId() const { return m_userId; }
    // The user as read from the database (empty until read, or when there is no such user).
    const std::optional<UserRow> &user() const { return m_user; }
    // The user as a person recognises them: name, else email, else id.
    QString userLabel() const;
    QString reason() const;
    Category category() const;
    // The reason code and ticket chosen (core/reasons).
    ReasonCodeFields *reasonCodeFields() const { return m_reasonCode; }
    // The amount typed, when it is acceptable.
    std::optional<qint32> amount() const;
    // "Current total: 1,234 -> Resulting total: 1,284" (empty parts while unknown).
    QString totalsText() const;
    // Whether the amount typed is above the approval threshold or one of the person's limits, so
    // confirming holds it for an admin instead of applying it (false while they are being read).
    bool needsApproval() const { return holdReason().has_value(); }
    // Why the amount typed would be held (a limit first, then the threshold); none: applied.
    std::optional<HoldReason> holdReason() const;
    // "You can still move 3,500 XP today" (empty without a day limit, or while it is being read).
    QString roomText() const;
    // The note shown before the click when the change would wait (empty when it would not).
    QString approvalText() const;
    // Why the amount typed was held, in words: "it is above your limit of 2,000 XP per change".
    QString heldBecause(HoldReason reason) const;

protected:
    void confirm() override;

private:
    QWidget *createUserHeader();
    QWidget *createTotalsPanel();
    void loadUser();
    void loadThreshold();
    void growToFit();
    void loadReasonCodes();
    void loadLimits();
    void refresh();
    // The error of the amount field, or empty; *value set when the amount is acceptable.
    QString amountError(std::optional<qint32> *value) const;

    QString m_userId;
    std::optional<UserRow> m_user;
    bool m_userMissing = false;
    bool m_loadFailed = false; // the error band shows why the user could not be read
    quint64 m_loadGeneration = 0;
    bool m_amountTouched = false;
    // The approval threshold as read (empty inside: approval is off); empty until read.
    std::optional<std::optional<qint64>> m_threshold;
    std::optional<PersonLimits> m_limits; // the connected person's, and their day; empty until read
    QLabel *m_userName = nullptr;
    QLabel *m_userDetails = nullptr;
    QLabel *m_currentTotal = nullptr;
    QLabel *m_resultingTotal = nullptr;
    QLabel *m_change = nullptr;
    QLabel *m_driftNote = nullptr;
    QLineEdit *m_amount = nullptr;
    FieldNote *m_amountNote = nullptr;
    QLabel *m_room = nullptr;
    QComboBox *m_category = nullptr;
    ReasonField *m_reason = nullptr;
    ReasonCodeFields *m_reasonCode = nullptr;
    InlineMessage *m_warning = nullptr;
    InlineMessage *m_approvalNote = nullptr;
};
