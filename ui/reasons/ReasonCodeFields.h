#pragma once

#include "core/domain/ReasonCatalog.h"
#include "core/reasons/ReasonTag.h"

#include <QObject>

#include <optional>

class FieldNote;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

// The reason code and ticket of a manual change, as two rows of a dialog's form: a choice of the
// active codes by their labels (shown once the ledger has any) and a ticket field, an id or a
// link. Each says next to it what is wrong (a code not chosen, a ticket missing where the code
// requires one, a ticket that is neither an id nor a link).
class ReasonCodeFields final : public QObject
{
    Q_OBJECT

public:
    ReasonCodeFields(QFormLayout *form, QWidget *parent);

    // The codes as read; until then no code is asked for (the ledger checks it anyway).
    void setCatalog(const ReasonCatalog &catalog);
    const std::optional<ReasonCatalog> &catalog() const { return m_catalog; }
    // The code chosen and the ticket typed (trimmed).
    ReasonTag tag() const;
    // Why the two fields cannot be saved as they are; empty when they can.
    QString error() const;
    bool isValid() const { return error().isEmpty(); }
    // Shows the errors even of fields not touched yet (the person pressed Enter).
    void revealErrors();

    QComboBox *codeCombo() const { return m_code; }
    QLineEdit *ticketEdit() const { return m_ticket; }

signals:
    void changed();

private:
    QString codeError() const;
    QString ticketError() const;
    void refresh();

    QFormLayout *m_form;
    std::optional<ReasonCatalog> m_catalog;
    bool m_touched = false;
    QLabel *m_codeLabel = nullptr;
    QComboBox *m_code = nullptr;
    FieldNote *m_codeNote = nullptr;
    QWidget *m_codeBox = nullptr;
    QLineEdit *m_ticket = nullptr;
    FieldNote *m_ticketNote = nullptr;
};
