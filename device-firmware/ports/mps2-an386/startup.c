/* mps2-an386 port: vector table and reset handler, shared by the bootloader and the application
 * (each image links its own copy at the start of its flash; the linker script places it). */
#include <stdint.h>
#include <string.h>

#include "m4_board.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _sstack, _estack;
int main(void);
void m4_reset(void);
void m4_fault(void);
void m4_unused_irq(void);
void m4_systick_irq(void);
void m4_uart0_rx_irq(void);

#define SCB_VTOR (*(volatile uint32_t *)0xE000ED08u)
#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

typedef void (*m4_vector)(void);

/* 16 system exceptions, then the first 16 interrupts of mps2-an386 (UART0 RX is IRQ 0). */
__attribute__((section(".isr_vector"), used)) const m4_vector m4_vectors[32] = {
    (m4_vector)(uintptr_t)&_estack,
    m4_reset,
    m4_fault, /* NMI: the watchdog */
    m4_fault, /* HardFault */
    m4_fault, /* MemManage */
    m4_fault, /* BusFault */
    m4_fault, /* UsageFault */
    0, 0, 0, 0,
    m4_fault, /* SVCall */
    m4_fault, /* DebugMonitor */
    0,
    m4_fault, /* PendSV */
    m4_systick_irq,
    m4_uart0_rx_irq,
    m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq,
    m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq, m4_unused_irq,
    m4_unused_irq,
};

/* .data from flash, .bss zeroed: at reset, and in the bootloader again when the application calls
 * its service table's init (m4_services.c). */
__attribute__((noinline)) void m4_init_statics(void)
{
    memcpy(&_sdata, &_sidata, (size_t)((uintptr_t)&_edata - (uintptr_t)&_sdata));
    memset(&_sbss, 0, (size_t)((uintptr_t)&_ebss - (uintptr_t)&_sbss));
}

void m4_reset(void)
{
    SCB_VTOR = (uint32_t)(uintptr_t)m4_vectors;
    SCB_CPACR |= 0xFu << 20; /* CP10, CP11: the FPU (-mfloat-abi=hard) */
    __asm volatile("dsb\n isb" ::: "memory");
    m4_init_statics();
    /* Paint the stack below this frame (256 bytes spared) for the high-water mark. */
    uint32_t sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *p = &_sstack; (uintptr_t)p < sp - 256u; p++)
        *p = M4_STACK_PAINT;
    main();
    m4_system_reset();
}

/* A crash (bad instruction, bad address: e.g. an "application" that is not code for this CPU)
 * or the watchdog (NMI: an application that hangs) resets the board, so the bootloader counts
 * the trial boot and reverts after the limit. */
void m4_fault(void) { m4_system_reset(); }

void m4_unused_irq(void) {}
