from .generation import image_grid, init_model, save_image_grid

__all__ = ['image_grid', 'init_model', 'save_image_grid']
