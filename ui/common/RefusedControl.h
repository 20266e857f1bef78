#pragma once

#include <QString>

class QWidget;

// A control the connected role may refuse: enabled only when it otherwise would be and the role
// allows it. A refused one's tooltip says why (the role's refusal) instead of what it does.
class RefusedControl final
{
public:
    // refusal: empty when the role allows it; tip: the control's own tooltip.
    static void apply(QWidget *control, bool enabled, const QString &refusal, const QString &tip);
};
